package io.milepost.stream.progress;

import io.milepost.schemas.BoardUpdate;
import io.milepost.schemas.Intent;
import io.milepost.schemas.JobKey;
import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.Rules;
import io.milepost.schemas.Stage;
import io.milepost.stream.dedupe.SeenEvents;
import io.milepost.stream.eta.StageStats;
import io.milepost.stream.progress.Transition.Outcome;
import io.milepost.stream.rules.TenantRules;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stage machine of one job, keyed by {@code tenantId/jobId}, with its tenant's rules broadcast
 * beside it. Emits a STAGE_CHANGED intent when a job enters a new stage (or, inside a digest
 * window, at its end), a CONTACT_CHANGED intent when an event brings customer details without one,
 * ETA_CHANGED, DELAY_RISK, STAGE_OVERRUN and SILENCE intents as {@link Outlook} decides, and the
 * job's whole state on {@link #BOARD_UPDATES} after every change; the stage rules themselves are in
 * {@link Progression}. What was learned of each stage at each location ({@link StageStats}) is
 * broadcast beside the rules ({@link Shared}) and replaces the SLAs in the ETA.
 *
 * <p>One event-time timer per job, always at {@link Outlook#wakeAt}: the earliest of the cleanup
 * ({@link Progression#closesAt}), the end of a digest window, an overrun, a silence, a risk to the
 * promise — and, while one of those may still come, no later than the re-check interval. Each
 * change moves it (delete, register), so a job never holds more than one; it is deleted when the
 * job's state goes. A timer re-reads the current rules when it fires: the broadcast side cannot set
 * timers, so a rule change moves nothing itself.
 */
public class JobProgressFunction
    extends KeyedBroadcastProcessFunction<String, OpsEvent, Shared, Intent> {
  private static final Logger LOG = LoggerFactory.getLogger(JobProgressFunction.class);

  /** How long, in event time, a job that never reaches a terminal stage is kept after its news. */
  public static final Duration DEFAULT_INACTIVITY_TIMEOUT = Duration.ofDays(30);

  /**
   * How far apart a job's timer may be while an alert may still come ({@code --rules-recheck}). It
   * only bounds how late a rule that shrank reaches an open job's pending alert (the rules side
   * cannot move timers; its ETA and board change at once), and rules change rarely, while every
   * watched job pays a wake-up per interval: at 10 minutes, five wake-ups per event in the
   * throughput benchmark, most of the job operator's work.
   */
  public static final Duration DEFAULT_RECHECK = Duration.ofHours(1);

  public static final OutputTag<BoardUpdate> BOARD_UPDATES =
      new OutputTag<>("board-updates", TypeInformation.of(BoardUpdate.class));

  /**
   * Reports of a job's current stage that changed nothing but were heard (heartbeats), for the CX
   * metrics' silences.
   */
  public static final OutputTag<Heartbeat> HEARTBEATS =
      new OutputTag<>("heartbeats", TypeInformation.of(Heartbeat.class));

  /** Each tenant's latest rules, by tenant id; a tenant without any uses {@link Rules#defaults}. */
  public static final MapStateDescriptor<String, Rules> RULES =
      new MapStateDescriptor<>("rules", Types.STRING, TypeInformation.of(Rules.class));

  /**
   * What was learned of each stage at each location, by {@link StageStats#key}: as many entries as
   * the learner has keys, and dropped when the learner forgets one.
   */
  public static final MapStateDescriptor<String, StageStats> LEARNED =
      new MapStateDescriptor<>("learned", Types.STRING, TypeInformation.of(StageStats.class));

  private static final ValueStateDescriptor<JobProgress> PROGRESS =
      new ValueStateDescriptor<>("progress", TypeInformation.of(JobProgress.class));

  private final Duration terminalGrace;
  private final Duration inactivityTimeout;
  private final int seenEventsLimit;
  private final Duration recheck;

  private transient ValueState<JobProgress> progress;
  private transient ValueState<JobOutlook> outlook;
  private transient MapState<String, Long> seenEventIds;
  private transient Map<Outcome, Counter> outcomes;
  private transient Counter closedInactive;
  private transient Counter rulesIgnored;
  private transient Counter wakeUps;

  /**
   * What was learned at each place (tenant/location/journey), as read from {@link #LEARNED}: a
   * cache of broadcast state on this subtask, which only {@link #processBroadcastElement} changes,
   * so it is never stale; not checkpointed.
   */
  private transient Map<String, Function<Stage, StageStats>> learnedByPlace;

  private static final int CACHED_PLACES = 10_000;

  /** With the default re-check interval. */
  public JobProgressFunction(
      Duration terminalGrace, Duration inactivityTimeout, int seenEventsLimit) {
    this(terminalGrace, inactivityTimeout, seenEventsLimit, DEFAULT_RECHECK);
  }

  /**
   * @param terminalGrace how long, in event time, a finished job's state outlives its terminal
   *     stage
   * @param inactivityTimeout how long, in event time, an unfinished job's state outlives its latest
   *     accepted event ({@link #DEFAULT_INACTIVITY_TIMEOUT})
   * @param seenEventsLimit how many event ids a job remembers for dedupe (see {@link SeenEvents})
   * @param recheck the longest a job's timer waits while an alert may still come, so a rule that
   *     shrank is applied within it ({@link #DEFAULT_RECHECK})
   */
  public JobProgressFunction(
      Duration terminalGrace, Duration inactivityTimeout, int seenEventsLimit, Duration recheck) {
    this.terminalGrace = terminalGrace;
    this.inactivityTimeout = inactivityTimeout;
    this.seenEventsLimit = seenEventsLimit;
    this.recheck = recheck;
  }

  @Override
  public void open(OpenContext openContext) {
    progress = getRuntimeContext().getState(PROGRESS);
    outlook =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("outlook", TypeInformation.of(JobOutlook.class)));
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
    rulesIgnored = getRuntimeContext().getMetricGroup().counter("rules-ignored-not-newer");
    // What the jobs' timers cost: each wake-up (the timer, or a catch-up before an event) is a
    // decision over a job's state under the current rules.
    wakeUps = getRuntimeContext().getMetricGroup().counter("wake-ups");
    learnedByPlace = new HashMap<>();
  }

  @Override
  public void processElement(OpsEvent event, ReadOnlyContext ctx, Collector<Intent> out)
      throws Exception {
    // What was due before this event is decided before it, as if the watermark had passed it.
    catchUp(event.occurredAt().toEpochMilli(), ctx, out);
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
    if (transition.outcome() == Outcome.IGNORED_UNCHANGED) {
      heartbeat(current, event, ctx);
      return;
    }
    if (!transition.accepted()) {
      return;
    }
    JobProgress next = transition.next();
    JobOutlook seen = outlook.value();
    if (seen == null || current == null || next.instance() != current.instance()) {
      // A new job, or a new instance of a closed one: nothing expected, nothing told yet.
      if (seen != null) {
        deleteTimer(ctx.timerService(), seen);
      }
      seen = new JobOutlook();
    }
    Rules rules = rulesOf(ctx.getBroadcastState(RULES), next.tenantId());
    Function<Stage, StageStats> learned = learnedOf(ctx.getBroadcastState(LEARNED), next);
    Instant now = event.occurredAt();
    List<Intent> intents =
        Outlook.afterEvent(
            next,
            transition.entersStage(),
            transition.previousStage(),
            event,
            seen,
            rules,
            learned,
            now);
    intents.forEach(out::collect);
    progress.update(next);
    moveTimer(ctx.timerService(), next, seen, rules, learned, now);
    outlook.update(seen);
    ctx.output(BOARD_UPDATES, next.toBoardUpdate(seen));
  }

  /** The job's one timer: what is due now ({@link #decideAt}). */
  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Intent> out) throws Exception {
    // The final watermark of a bounded run: the input ended, time did not pass.
    boolean endOfInput = ctx.timerService().currentWatermark() == Long.MAX_VALUE;
    decideAt(
        timestamp,
        endOfInput,
        ctx.getBroadcastState(RULES),
        ctx.getBroadcastState(LEARNED),
        ctx.timerService(),
        out,
        update -> ctx.output(BOARD_UPDATES, update));
  }

  /**
   * Replay determinism: everything the job's timer would decide before {@code t}, decided now at
   * each due instant in turn, before the event stamped {@code t} is applied. A source that reads
   * its partition ahead of another holds the watermark back, so the job's next event may arrive
   * before its timer fired, and would then reset the overrun, silence or delay risk the timer was
   * about to raise: the outcome would depend on how far the watermark got. Nothing fires twice:
   * each step moves the job's one timer past the instant it decided, and a timer that fires later
   * re-checks, finding nothing due. Strictly before {@code t}: a watermark at {@code t} promises no
   * more events stamped {@code t}, so live, a timer due at {@code t} fires after this event.
   */
  private void catchUp(long t, ReadOnlyContext ctx, Collector<Intent> out) throws Exception {
    JobOutlook seen = outlook.value();
    while (seen != null && seen.wakeAt != 0 && seen.wakeAt < t && progress.value() != null) {
      long due = seen.wakeAt;
      deleteTimer(ctx.timerService(), seen);
      outlook.update(seen);
      decideAt(
          due,
          false,
          ctx.getBroadcastState(RULES),
          ctx.getBroadcastState(LEARNED),
          ctx.timerService(),
          out,
          update -> ctx.output(BOARD_UPDATES, update));
      seen = outlook.value();
    }
  }

  /**
   * The job's timer logic at {@code timestamp}, from its timer or from {@link #catchUp}: ends a
   * digest window, raises what is due, or drops the job's state when its time is up.
   *
   * <p>State goes when its time is up: nothing changes a finished job, so its state would only
   * leak; it stays for a grace period so that late and replayed events still find the job closed
   * instead of starting it over. An unfinished job whose end never arrives (a parcel lost from the
   * scans, a repair order never closed) would leak too, so it goes after a long inactivity. Timers
   * are in event time so a replay of the topic decides the same way.
   *
   * <p>Everything is checked against the job and rules as they are now, not trusted: a timer set
   * for a closed instance may fire after a new instance began, one restored from a savepoint may
   * have been set with other durations, and the rules may have changed since.
   */
  private void decideAt(
      long timestamp,
      boolean endOfInput,
      ReadOnlyBroadcastState<String, Rules> heldRules,
      ReadOnlyBroadcastState<String, StageStats> heldStats,
      TimerService timers,
      Collector<Intent> out,
      Consumer<BoardUpdate> board)
      throws Exception {
    wakeUps.inc();
    JobProgress job = progress.value();
    if (job == null) {
      return;
    }
    JobOutlook seen = outlook.value();
    if (seen == null) {
      seen = new JobOutlook(); // state written before the outlook existed
    }
    if (seen.wakeAt == timestamp) {
      seen.wakeAt = 0; // this one fired
    }
    Instant now = Instant.ofEpochMilli(timestamp);
    Rules rules = rulesOf(heldRules, job.tenantId());
    Function<Stage, StageStats> learned = learnedOf(heldStats, job);
    Outlook.Step step = Outlook.onTime(job, seen, rules, learned, now, endOfInput);
    step.intents().forEach(out::collect);
    if (Progression.isClosedAt(job, timestamp, terminalGrace, inactivityTimeout)) {
      if (!job.stage().terminal()) {
        closedInactive.inc();
      }
      deleteTimer(timers, seen);
      progress.clear();
      outlook.clear();
      seenEventIds.clear();
      return;
    }
    if (step.boardChanged()) {
      job = job.touched(now);
      progress.update(job);
      board.accept(job.toBoardUpdate(seen));
    }
    if (endOfInput) {
      setTimer(timers, seen, closesAt(job));
    } else {
      moveTimer(timers, job, seen, rules, learned, now);
    }
    outlook.update(seen);
  }

  /**
   * A report of the current stage that changed nothing (a heartbeat): the business spoke, so the
   * silence counts from it and an open silence ends (a board update, as any visible change). A
   * stale one (not after the last report) does nothing. Not a new version of the job unless the
   * board changes.
   */
  private void heartbeat(JobProgress job, OpsEvent event, ReadOnlyContext ctx) throws Exception {
    JobOutlook seen = outlook.value();
    if (seen == null) {
      seen = new JobOutlook();
    }
    Instant now = event.occurredAt();
    Outlook.Heard heard = Outlook.heard(job, seen, now);
    if (heard == Outlook.Heard.NOT_NEWER) {
      return;
    }
    remember(event); // a producer's retry of it is a duplicate, not a second report
    if (heard == Outlook.Heard.ENDED_SILENCE) {
      job = job.touched(now);
      progress.update(job);
      ctx.output(BOARD_UPDATES, job.toBoardUpdate(seen));
    }
    Rules rules = rulesOf(ctx.getBroadcastState(RULES), job.tenantId());
    moveTimer(
        ctx.timerService(), job, seen, rules, learnedOf(ctx.getBroadcastState(LEARNED), job), now);
    outlook.update(seen);
    ctx.output(HEARTBEATS, Heartbeat.of(job, now));
  }

  /**
   * A tenant's rules: kept if newer than the ones held, and applied at once to the ETA of the
   * tenant's open jobs, each of which gets a board update. Their timers cannot be moved from here;
   * each reads the new rules when it fires.
   */
  @Override
  public void processBroadcastElement(Shared shared, Context ctx, Collector<Intent> out)
      throws Exception {
    if (shared.stats() != null) {
      learned(shared.stats(), ctx);
    } else if (shared.rules() != null) {
      rulesChanged(shared.rules(), ctx);
    }
  }

  private void rulesChanged(Rules rules, Context ctx) throws Exception {
    BroadcastState<String, Rules> held = ctx.getBroadcastState(RULES);
    if (!rules.supersedes(held.get(rules.tenantId()))) {
      rulesIgnored.inc();
      return;
    }
    held.put(rules.tenantId(), rules);
    String prefix = JobKey.of(rules.tenantId(), "");
    long watermark = ctx.currentWatermark();
    ctx.applyToKeyedState(
        PROGRESS,
        (key, state) -> {
          JobProgress job = state.value();
          if (!key.startsWith(prefix) || job == null || job.stage().terminal()) {
            return;
          }
          // applyToKeyedState makes each key current in turn, so the job's outlook is at hand.
          JobOutlook seen = outlook.value();
          if (seen == null) {
            seen = new JobOutlook();
          }
          Instant now = Instant.ofEpochMilli(Math.max(watermark, job.occurredAt().toEpochMilli()));
          Outlook.rulesChanged(
              job, seen, rules, learnedOf(ctx.getBroadcastState(LEARNED), job), now);
          JobProgress touched = job.touched(now);
          state.update(touched);
          outlook.update(seen);
          ctx.output(BOARD_UPDATES, touched.toBoardUpdate(seen));
        });
  }

  /**
   * What was learned of a stage at a location: kept, or dropped when the learner forgot it. Open
   * jobs use it from their next event or timer on (no further than the re-check interval while an
   * alert may come), not at once as for rules: stats are published far more often than rules
   * change, and a pass over every key of the subtask with a board update per open job of the
   * location at each publication costs more than the minutes it saves.
   */
  private void learned(StageStats stats, Context ctx) throws Exception {
    BroadcastState<String, StageStats> held = ctx.getBroadcastState(LEARNED);
    if (stats.forgets()) {
      held.remove(stats.key());
    } else {
      held.put(stats.key(), stats);
    }
    learnedByPlace.clear();
  }

  /**
   * The stats of each stage of the job's journey at its location. Read from the broadcast state
   * once per place and kept until the next stats arrive ({@link #learned} clears them): every event
   * and wake-up asks, and building the keys and reading the state each time was a twentieth of the
   * job operator's CPU.
   */
  private Function<Stage, StageStats> learnedOf(
      ReadOnlyBroadcastState<String, StageStats> held, JobProgress job) throws Exception {
    if (job.locationId() == null) {
      return Outlook.NOTHING_LEARNED;
    }
    String place = job.tenantId() + '/' + job.locationId() + '/' + job.journey().wireName();
    Function<Stage, StageStats> known = learnedByPlace.get(place);
    if (known != null) {
      return known;
    }
    Map<Stage, StageStats> stages = new EnumMap<>(Stage.class);
    for (Stage stage : job.journey().stages()) {
      StageStats stats =
          held.get(StageStats.key(job.tenantId(), job.locationId(), job.journey(), stage));
      if (stats != null) {
        stages.put(stage, stats);
      }
    }
    known = stages.isEmpty() ? Outlook.NOTHING_LEARNED : stages::get;
    if (learnedByPlace.size() >= CACHED_PLACES) {
      learnedByPlace.clear(); // a bound, never reached by a few tenants' locations
    }
    learnedByPlace.put(place, known);
    return known;
  }

  private static Rules rulesOf(ReadOnlyBroadcastState<String, Rules> held, String tenantId)
      throws Exception {
    return TenantRules.of(held, tenantId);
  }

  /** Keeps exactly one timer per job: the one at {@link Outlook#wakeAt}. */
  private void moveTimer(
      TimerService timers,
      JobProgress job,
      JobOutlook seen,
      Rules rules,
      Function<Stage, StageStats> learned,
      Instant now) {
    setTimer(timers, seen, Outlook.wakeAt(job, seen, rules, learned, now, closesAt(job), recheck));
  }

  private static void setTimer(TimerService timers, JobOutlook seen, long at) {
    if (seen.wakeAt == at) {
      return;
    }
    deleteTimer(timers, seen);
    timers.registerEventTimeTimer(at);
    seen.wakeAt = at;
  }

  private static void deleteTimer(TimerService timers, JobOutlook seen) {
    if (seen.wakeAt != 0) {
      timers.deleteEventTimeTimer(seen.wakeAt);
      seen.wakeAt = 0;
    }
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
