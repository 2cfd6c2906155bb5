package io.milepost.stream.progress;

import io.milepost.schemas.BoardUpdate;
import io.milepost.schemas.Intent;
import io.milepost.schemas.OpsEvent;
import io.milepost.stream.dedupe.SeenEvents;
import io.milepost.stream.progress.Transition.Outcome;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stage machine of one job, keyed by {@code tenantId/jobId}. Emits a STAGE_CHANGED intent when
 * a job enters a new stage, and the job's whole state on {@link #BOARD_UPDATES} after every
 * accepted change; the rules themselves are in {@link Progression}.
 */
public class JobProgressFunction extends KeyedProcessFunction<String, OpsEvent, Intent> {
  private static final Logger LOG = LoggerFactory.getLogger(JobProgressFunction.class);

  public static final OutputTag<BoardUpdate> BOARD_UPDATES =
      new OutputTag<>("board-updates", TypeInformation.of(BoardUpdate.class));

  private final Duration terminalGrace;
  private final int seenEventsLimit;

  private transient ValueState<JobProgress> progress;
  private transient MapState<String, Long> seenEventIds;
  private transient Map<Outcome, Counter> outcomes;

  /**
   * @param terminalGrace how long, in event time, a finished job's state outlives its terminal
   *     stage
   * @param seenEventsLimit how many accepted event ids a job remembers for dedupe (see {@link
   *     SeenEvents})
   */
  public JobProgressFunction(Duration terminalGrace, int seenEventsLimit) {
    this.terminalGrace = terminalGrace;
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
  }

  @Override
  public void processElement(OpsEvent event, Context ctx, Collector<Intent> out) throws Exception {
    if (seenEventIds.contains(event.eventId())) {
      outcomes.get(Outcome.IGNORED_DUPLICATE).inc();
      return;
    }
    Transition transition = Progression.decide(progress.value(), event);
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
    if (!transition.accepted()) {
      return;
    }
    JobProgress next = transition.next();
    progress.update(next);
    remember(event);
    if (transition.entersStage()) {
      out.collect(next.stageChanged(transition.previousStage(), event));
      if (next.stage().terminal()) {
        // Nothing changes a finished job, so its state would only leak. It stays for a grace
        // period so that late and replayed events still find the job closed instead of starting
        // it over; the timer is in event time so a replay of the topic decides the same way.
        ctx.timerService()
            .registerEventTimeTimer(next.occurredAt().plus(terminalGrace).toEpochMilli());
      }
    }
    ctx.output(BOARD_UPDATES, next.toBoardUpdate());
  }

  /** The only timer so far is a finished job's cleanup (one per job: a terminal stage is final). */
  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Intent> out) {
    progress.clear();
    seenEventIds.clear();
  }

  private void remember(OpsEvent event) throws Exception {
    seenEventIds.put(event.eventId(), event.occurredAt().toEpochMilli());
    for (String forgotten : SeenEvents.overflow(seenEventIds.entries(), seenEventsLimit)) {
      seenEventIds.remove(forgotten);
    }
  }
}
