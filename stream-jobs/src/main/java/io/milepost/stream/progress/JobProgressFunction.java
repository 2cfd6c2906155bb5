package io.milepost.stream.progress;

import io.milepost.schemas.BoardUpdate;
import io.milepost.schemas.Intent;
import io.milepost.schemas.OpsEvent;
import io.milepost.stream.dedupe.SeenEvents;
import io.milepost.stream.progress.Transition.Outcome;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stage machine of one job, keyed by {@code tenantId/jobId}. Emits a STAGE_CHANGED intent when
 * a job enters a new stage, a CONTACT_CHANGED intent when an event brings customer details without
 * one, and the job's whole state on {@link #BOARD_UPDATES} after every accepted change; the rules
 * themselves are in {@link Progression}.
 *
 * <p>One event-time timer per job, always at {@link Progression#closesAt}: the end of the grace
 * period after a terminal stage, else the end of the inactivity period after the latest accepted
 * event. Each accepted event moves it (delete, register), so a job never holds more than one.
 */
public class JobProgressFunction extends KeyedProcessFunction<String, OpsEvent, Intent> {
  private static final Logger LOG = LoggerFactory.getLogger(JobProgressFunction.class);

  /** How long, in event time, a job that never reaches a terminal stage is kept after its news. */
  public static final Duration DEFAULT_INACTIVITY_TIMEOUT = Duration.ofDays(30);

  public static final OutputTag<BoardUpdate> BOARD_UPDATES =
      new OutputTag<>("board-updates", TypeInformation.of(BoardUpdate.class));

  private final Duration terminalGrace;
  private final Duration inactivityTimeout;
  private final int seenEventsLimit;

  private transient ValueState<JobProgress> progress;
  private transient MapState<String, Long> seenEventIds;
  private transient Map<Outcome, Counter> outcomes;
  private transient Counter closedInactive;

  /**
   * @param terminalGrace how long, in event time, a finished job's state outlives its terminal
   *     stage
   * @param inactivityTimeout how long, in event time, an unfinished job's state outlives its latest
   *     accepted event ({@link #DEFAULT_INACTIVITY_TIMEOUT})
   * @param seenEventsLimit how many event ids a job remembers for dedupe (see {@link SeenEvents})
   */
  public JobProgressFunction(
      Duration terminalGrace, Duration inactivityTimeout, int seenEventsLimit) {
    this.terminalGrace = terminalGrace;
    this.inactivityTimeout = inactivityTimeout;
    this.seenEventsLimit = seenEventsLimit;
  }

  @Override
  public void open(OpenContext openContext) {
    progress =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("progress", TypeInformation.of(JobProgress.class)));
    seenEventIds =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("seen-event-ids", Types.STRING, Types.LONG));
    outcomes = new EnumMap<>(Outcome.class);
    for (Outcome outcome : Outcome.values()) {
      outcomes.put(
          outcome,
          getRuntimeContext()
              .getMetricGroup()
              .addGroup("outcome", outcome.name())
              .counter("events"));
    }
    closedInactive = getRuntimeContext().getMetricGroup().counter("jobs-closed-inactive");
  }

  @Override
  public void processElement(OpsEvent event, Context ctx, Collector<Intent> out) throws Exception {
    if (seenEventIds.contains(event.eventId())) {
      outcomes.get(Outcome.IGNORED_DUPLICATE).inc();
      return;
    }
    JobProgress current = progress.value();
    Transition transition = Progression.decide(current, event);
    outcomes.get(transition.outcome()).inc();
    if (transition.outcome() == Outcome.IGNORED_OTHER_JOURNEY) {
      // Valid on the wire, so not a dead letter, but a producer is confused about this job.
      LOG.warn(
          "ignored event {} of job {}: it names journey {}, the job is on {}",
          event.eventId(),
          ctx.getCurrentKey(),
          event.journey(),
          transition.next().journey());
    }
    Optional<Intent> contact = Progression.contactChange(transition, event);
    contact.ifPresent(out::collect);
    if (transition.accepted() || contact.isPresent()) {
      // An event that only forwarded customer details is remembered too, so a producer's retry of
      // it sends no second intent. The details themselves are in the intent only, never in state.
      remember(event);
    }
    if (!transition.accepted()) {
      return;
    }
    JobProgress next = transition.next();
    progress.update(next);
    moveCleanupTimer(ctx.timerService(), current, next);
    if (transition.entersStage()) {
      out.collect(next.stageChanged(transition.previousStage(), event));
    }
    ctx.output(BOARD_UPDATES, next.toBoardUpdate());
  }

  /**
   * Drops the job's state when its time is up. Nothing changes a finished job, so its state would
   * only leak; it stays for a grace period so that late and replayed events still find the job
   * closed instead of starting it over. An unfinished job whose end never arrives (a parcel lost
   * from the scans, a repair order never closed) would leak too, so it goes after a long
   * inactivity. Timers are in event time so a replay of the topic decides the same way.
   *
   * <p>The timer is checked against the job as it is now, not trusted: one set for a closed
   * instance may fire after a new instance began, and one restored from a savepoint may have been
   * set with other durations. If the job's time is not up, it is set again for when it is.
   */
  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Intent> out) throws Exception {
    JobProgress job = progress.value();
    if (job == null) {
      return;
    }
    if (!Progression.isClosedAt(job, timestamp, terminalGrace, inactivityTimeout)) {
      ctx.timerService().registerEventTimeTimer(closesAt(job));
      return;
    }
    if (!job.stage().terminal()) {
      closedInactive.inc();
    }
    progress.clear();
    seenEventIds.clear();
  }

  /** Keeps exactly one timer per job: the one at the changed job's {@link #closesAt}. */
  private void moveCleanupTimer(TimerService timers, JobProgress before, JobProgress after) {
    if (before != null) {
      timers.deleteEventTimeTimer(closesAt(before));
    }
    timers.registerEventTimeTimer(closesAt(after));
  }

  private long closesAt(JobProgress job) {
    return Progression.closesAt(job, terminalGrace, inactivityTimeout);
  }

  private void remember(OpsEvent event) throws Exception {
    seenEventIds.put(event.eventId(), event.occurredAt().toEpochMilli());
    for (String forgotten : SeenEvents.overflow(seenEventIds.entries(), seenEventsLimit)) {
      seenEventIds.remove(forgotten);
    }
  }
}
