package io.milepost.stream.metrics;

import io.milepost.schemas.CxMetrics;
import io.milepost.schemas.Intent;
import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.Rules;
import io.milepost.stream.ProgressJobOptions;
import io.milepost.stream.ingest.ValidateEvents;
import io.milepost.stream.progress.JobProgressFunction;
import io.milepost.stream.rules.ValidateRules;
import io.milepost.stream.time.Untimed;
import io.milepost.stream.time.WallClock;
import java.time.Clock;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The CX metrics, downstream of the job operator's outputs:
 *
 * <pre>
 * intents ──────► signal ─┐
 * board updates ► signal ─┴► keyBy job ─► cx job ─┐
 * dead letters ─► fact ─► wall clock ────────────┴► keyBy location ─► cx location ─► cx metrics
 * rules ─► untimed ─► broadcast ─────────► cx job, cx location
 * </pre>
 */
public final class CxPipeline {
  private CxPipeline() {}

  /**
   * Each tenant's latest rules, as both CX operators hold them: their own broadcast of the
   * validated rules, so the CX metrics do not depend on what else the job operator's broadcast
   * carries.
   */
  public static final MapStateDescriptor<String, Rules> RULES =
      new MapStateDescriptor<>("rules", Types.STRING, TypeInformation.of(Rules.class));

  /**
   * The CX metrics of the job.
   *
   * @param events the validated events, whose side output holds their dead letters
   * @param tenantRules the validated rules, whose side output holds their dead letters
   * @param stageChanges the job operator: its intents, and its board updates on the side
   */
  public static DataStream<CxMetrics> attach(
      SingleOutputStreamOperator<OpsEvent> events,
      SingleOutputStreamOperator<Rules> tenantRules,
      SingleOutputStreamOperator<Intent> stageChanges,
      ReadableConfig options) {
    BroadcastStream<Rules> rules =
        tenantRules
            .assignTimestampsAndWatermarks(Untimed.strategy())
            .uid("cx-rules-time")
            .name("cx: rules hold no time back")
            .broadcast(RULES);
    DataStream<JobSignal> signals =
        stageChanges
            .process(new JobSignal.FromIntents())
            .uid("cx-intent-signals")
            .name("cx: intents as signals")
            .union(
                stageChanges
                    .getSideOutput(JobProgressFunction.BOARD_UPDATES)
                    .process(new JobSignal.FromBoardUpdates())
                    .uid("cx-board-signals")
                    .name("cx: board updates as signals"),
                stageChanges
                    .getSideOutput(JobProgressFunction.HEARTBEATS)
                    .process(new JobSignal.FromHeartbeats())
                    .uid("cx-heartbeat-signals")
                    .name("cx: heartbeats as signals"));
    DataStream<CxFact> jobFacts =
        signals
            .keyBy(JobSignal::key)
            .connect(rules)
            .process(
                new JobCxFunction(
                    options.get(ProgressJobOptions.TERMINAL_GRACE),
                    options.get(ProgressJobOptions.INACTIVITY_TIMEOUT)))
            .uid("cx-job")
            .name("cx per job");
    DataStream<CxFact> deadLetterFacts =
        events
            .getSideOutput(ValidateEvents.DEAD_LETTERS)
            .union(tenantRules.getSideOutput(ValidateRules.DEAD_LETTERS))
            .map(new DeadLetterFacts(Clock.systemUTC()))
            .uid("cx-dead-letters")
            .name("cx: dead letters as facts")
            // Dead letters come before event time is assigned, so they get the wall clock's: with
            // the job's slack it trails now, so it holds back the location's watermark only as far
            // as the events' own wall-clock watermark would at night, and from the start (an empty
            // stream must not hold it at the start of time: WallClock). Not the rules' end of
            // time: a dead letter still on its way when the events' input ends would find every
            // window closed.
            .assignTimestampsAndWatermarks(
                WallClock.strategy(
                    options.get(ProgressJobOptions.ALLOWED_LATENESS),
                    Clock.systemUTC(),
                    fact -> fact.at().toEpochMilli()))
            .uid("cx-dead-letters-time")
            .name("cx: dead letters on the wall clock");
    return jobFacts
        .union(deadLetterFacts)
        .keyBy(CxFact::key)
        .connect(rules)
        .process(new LocationCxFunction())
        .uid("cx-location")
        .name("cx per location");
  }
}
