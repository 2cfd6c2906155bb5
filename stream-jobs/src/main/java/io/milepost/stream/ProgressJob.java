package io.milepost.stream;

import io.milepost.schemas.BoardUpdate;
import io.milepost.schemas.CxMetrics;
import io.milepost.schemas.Intent;
import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.Rules;
import io.milepost.stream.ingest.DeadLetter;
import io.milepost.stream.ingest.RawEvent;
import io.milepost.stream.ingest.ValidateEvents;
import io.milepost.stream.learning.DurationLearner;
import io.milepost.stream.learning.StagePassage;
import io.milepost.stream.learning.StagePassagesFunction;
import io.milepost.stream.metrics.CxPipeline;
import io.milepost.stream.progress.JobProgressFunction;
import io.milepost.stream.progress.Shared;
import io.milepost.stream.rules.ValidateRules;
import io.milepost.stream.time.Untimed;
import io.milepost.stream.time.WallClockWhenIdle;
import java.time.Clock;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.CheckpointConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The progress engine: ops events in; exactly-once intents, versioned board updates and dead
 * letters out. Tests construct it with their own source and sinks; {@link #kafka} wires the real
 * topics.
 *
 * <pre>
 * ops-events ─► validate ─┬─► event time ─┬─► keyBy tenant/job ─► job progress ─┬─► intents
 *                         │                 │                       ▲         └─► board
 *                         │                 └─► keyBy tenant/job ─► stage passages
 *                         │                       ─► keyBy tenant/location/journey/stage
 *                         │                       ─► duration learner ──┐ (learned stats)
 *                         └─► dead letters ◄─┐                          ▼
 * rules ──────► validate ────────────────────┴──────────────────► broadcast
 * </pre>
 *
 * <p>The learner is upstream of the job operator, not fed by it: Flink has no iterations, and the
 * job operator cannot read a stream derived from its own output (stream-jobs/DESIGN.md).
 */
public final class ProgressJob {
  public static final String JOB_NAME = "milepost-progress";

  private final Source<RawEvent, ?, ?> source;
  private final Source<RawEvent, ?, ?> rules;
  private final Sink<Intent> intents;
  private final Sink<BoardUpdate> boardUpdates;
  private final Sink<DeadLetter> deadLetters;
  private final Sink<CxMetrics> cxMetrics;
  private final ReadableConfig options;

  /**
   * @param source the ops events
   * @param rules the tenants' rules (the compacted {@code milepost.rules}), read from its start
   * @param cxMetrics the CX metrics ({@code milepost.cx-metrics}, {@link CxPipeline})
   * @param options the {@link ProgressJobOptions} to run with; checked here, so a job with unsafe
   *     options never starts
   * @throws IllegalArgumentException naming the option, for options the job cannot run safely with
   */
  public ProgressJob(
      Source<RawEvent, ?, ?> source,
      Source<RawEvent, ?, ?> rules,
      Sink<Intent> intents,
      Sink<BoardUpdate> boardUpdates,
      Sink<DeadLetter> deadLetters,
      Sink<CxMetrics> cxMetrics,
      ReadableConfig options) {
    ProgressJobOptions.validate(options);
    this.source = source;
    this.rules = rules;
    this.intents = intents;
    this.boardUpdates = boardUpdates;
    this.deadLetters = deadLetters;
    this.cxMetrics = cxMetrics;
    this.options = options;
  }

  /** The job on the real topics of {@link ProgressJobOptions#BOOTSTRAP_SERVERS}. */
  public static ProgressJob kafka(ReadableConfig options) {
    return new ProgressJob(
        KafkaEndpoints.source(options),
        KafkaEndpoints.rules(options),
        KafkaEndpoints.intents(options),
        KafkaEndpoints.boardUpdates(options),
        KafkaEndpoints.deadLetters(options),
        KafkaEndpoints.cxMetrics(options),
        options);
  }

  /**
   * Adds the pipeline to {@code env}, with exactly-once checkpointing; run it with execute. The CX
   * metrics ({@link CxPipeline}) read the job operator's outputs, the dead letters and the rules;
   * they feed nothing back.
   */
  public StreamExecutionEnvironment build(StreamExecutionEnvironment env) {
    env.configure(stateAndCheckpointStorage(options));
    env.enableCheckpointing(
        options.get(ProgressJobOptions.CHECKPOINT_INTERVAL).toMillis(),
        CheckpointingMode.EXACTLY_ONCE);
    CheckpointConfig checkpoints = env.getCheckpointConfig();
    checkpoints.setCheckpointTimeout(options.get(ProgressJobOptions.CHECKPOINT_TIMEOUT).toMillis());
    // The transaction timeout check assumes an open transaction waits for one checkpoint at most:
    // a checkpoint that fails or times out restarts the job instead of being skipped.
    checkpoints.setTolerableCheckpointFailureNumber(0);
    int parallelism = options.get(ProgressJobOptions.PARALLELISM);
    if (parallelism > 0) {
      env.setParallelism(parallelism);
    }

    SingleOutputStreamOperator<OpsEvent> events =
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "ops events")
            .uid("ops-events-source")
            // The clock-skew bound and the inactivity timeout are not options yet: see
            // stream-jobs/DESIGN.md, "Settings to declare".
            .process(
                new ValidateEvents(
                    options.get(ProgressJobOptions.MAX_CLOCK_SKEW), Clock.systemUTC()))
            .uid("validate-events")
            .name("parse and validate");

    SingleOutputStreamOperator<Rules> tenantRules =
        env.fromSource(rules, WatermarkStrategy.noWatermarks(), "rules")
            .uid("rules-source")
            .process(new ValidateRules())
            .uid("validate-rules")
            .name("parse and validate rules");

    events
        .getSideOutput(ValidateEvents.DEAD_LETTERS)
        .union(tenantRules.getSideOutput(ValidateRules.DEAD_LETTERS))
        .sinkTo(deadLetters)
        .uid("dead-letters-sink")
        .name("dead letters");

    SingleOutputStreamOperator<OpsEvent> timedEvents =
        events.assignTimestampsAndWatermarks(eventTime()).uid("event-time").name("event time");

    DataStream<Shared> learned =
        timedEvents
            .keyBy(OpsEvent::key)
            .process(
                new StagePassagesFunction(
                    options.get(ProgressJobOptions.TERMINAL_GRACE),
                    options.get(ProgressJobOptions.INACTIVITY_TIMEOUT)))
            .uid("stage-passages")
            .name("stage passages")
            .keyBy(StagePassage::learnerKey)
            .process(
                new DurationLearner(
                    options.get(ProgressJobOptions.ETA_WINDOW),
                    options.get(ProgressJobOptions.ETA_PERCENTILE),
                    options.get(ProgressJobOptions.ETA_MIN_SAMPLES),
                    options.get(ProgressJobOptions.ETA_FORGET_AFTER)))
            .uid("duration-learner")
            .name("duration learner")
            // Like the rules, learned stats hold no time back: the job operator's timers follow
            // the events alone, whatever the learner's subtasks see.
            .assignTimestampsAndWatermarks(Untimed.strategy())
            .uid("learned-time")
            .name("learned stats hold no time back")
            .map(Shared::of)
            .uid("learned-shared")
            .name("learned stats");

    BroadcastStream<Shared> shared =
        tenantRules
            .assignTimestampsAndWatermarks(Untimed.strategy())
            .uid("rules-time")
            .name("rules hold no time back")
            .map(Shared::of)
            .uid("rules-shared")
            .name("rules")
            .union(learned)
            .broadcast(JobProgressFunction.RULES, JobProgressFunction.LEARNED);

    SingleOutputStreamOperator<Intent> stageChanges =
        timedEvents
            .keyBy(OpsEvent::key)
            .connect(shared)
            .process(
                new JobProgressFunction(
                    options.get(ProgressJobOptions.TERMINAL_GRACE),
                    options.get(ProgressJobOptions.INACTIVITY_TIMEOUT),
                    options.get(ProgressJobOptions.SEEN_EVENTS_LIMIT),
                    options.get(ProgressJobOptions.RULES_RECHECK)))
            .uid("job-progress")
            .name("job progress");

    stageChanges.sinkTo(intents).uid("intents-sink").name("intents");
    stageChanges
        .getSideOutput(JobProgressFunction.BOARD_UPDATES)
        .sinkTo(boardUpdates)
        .uid("board-sink")
        .name("board updates");

    CxPipeline.attach(events, tenantRules, stageChanges, options)
        .sinkTo(cxMetrics)
        .uid("cx-metrics-sink")
        .name("cx metrics");
    return env;
  }

  /**
   * The state backend and where checkpoints go, as Flink's own settings. Checkpoints always go to a
   * file system: Flink's default keeps them in the job manager's memory, which refuses a snapshot
   * over 5 MB, so a job whose state grew (a replay, a busy day) would fail every checkpoint and,
   * tolerating none, restart forever.
   */
  static Configuration stateAndCheckpointStorage(ReadableConfig options) {
    Configuration flink = new Configuration();
    String backend = options.get(ProgressJobOptions.STATE_BACKEND);
    flink.set(StateBackendOptions.STATE_BACKEND, backend);
    // RocksDB's strength is large state: upload only what changed since the last checkpoint.
    flink.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, backend.equals("rocksdb"));
    flink.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    flink.set(
        CheckpointingOptions.CHECKPOINTS_DIRECTORY, options.get(ProgressJobOptions.CHECKPOINT_DIR));
    return flink;
  }

  /**
   * Event time is {@code occurredAt}. Watermarks are assigned after validation, because only a
   * parsed event has a time, so they track each source subtask rather than each partition; the
   * out-of-orderness bound covers the skew between the partitions one subtask reads. Nothing is
   * dropped for being late — the stage machine orders events by stage, not by time — so the
   * watermark only decides when timers fire. When a subtask has had no events for the idle timeout,
   * its watermark follows the wall clock ({@link WallClockWhenIdle}), so timers fire at night too.
   */
  private WatermarkStrategy<OpsEvent> eventTime() {
    return WallClockWhenIdle.strategy(
        options.get(ProgressJobOptions.MAX_OUT_OF_ORDERNESS),
        options.get(ProgressJobOptions.IDLE_TIMEOUT),
        options.get(ProgressJobOptions.ALLOWED_LATENESS),
        Clock.systemUTC(),
        event -> event.occurredAt().toEpochMilli());
  }

  /**
   * An in-process MiniCluster with the web UI for {@code --local}, else the environment of the
   * cluster the job is submitted to.
   */
  public static StreamExecutionEnvironment environment(ReadableConfig options) {
    Configuration conf = new Configuration();
    // Every type on the wire and in state has a Flink serializer; a Kryo fallback would be a bug
    // that breaks savepoint compatibility later, so fail fast instead.
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    if (options.get(ProgressJobOptions.LOCAL)) {
      conf.set(RestOptions.PORT, options.get(ProgressJobOptions.WEB_UI_PORT));
      return StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
    }
    return StreamExecutionEnvironment.getExecutionEnvironment(conf);
  }

  public static void main(String[] args) throws Exception {
    Configuration options = ProgressJobOptions.fromArgs(args);
    StreamExecutionEnvironment env = environment(options);
    kafka(options).build(env);
    env.execute(JOB_NAME);
  }
}
