package io.milepost.stream.metrics;

import io.milepost.schemas.BoardUpdate;
import io.milepost.schemas.CxMetrics;
import io.milepost.schemas.Intent;
import io.milepost.schemas.Rules;
import io.milepost.stream.ingest.DeadLetter;
import io.milepost.stream.time.Untimed;
import java.time.Clock;
import java.time.Duration;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The CX metrics, downstream of the job operator's outputs:
 *
 * <pre>
 * intents ──────► signal ─┐
 * board updates ► signal ─┴► keyBy job ─► cx job ─┐
 * dead letters ─► fact ─► untimed ───────────────┴► keyBy location ─► cx location ─► cx metrics
 * rules (broadcast) ──────────────────► cx job, cx location
 * </pre>
 */
public final class CxPipeline {
  private CxPipeline() {}

  public static DataStream<CxMetrics> attach(
      DataStream<Intent> intents,
      DataStream<BoardUpdate> boardUpdates,
      DataStream<DeadLetter> deadLetters,
      BroadcastStream<Rules> rules,
      Duration terminalGrace,
      Duration inactivityTimeout) {
    DataStream<JobSignal> signals =
        intents
            .process(new JobSignal.FromIntents())
            .uid("cx-intent-signals")
            .name("cx: intents as signals")
            .union(
                boardUpdates
                    .process(new JobSignal.FromBoardUpdates())
                    .uid("cx-board-signals")
                    .name("cx: board updates as signals"));
    DataStream<CxFact> jobFacts =
        signals
            .keyBy(JobSignal::key)
            .connect(rules)
            .process(new JobCxFunction(terminalGrace, inactivityTimeout))
            .uid("cx-job")
            .name("cx per job");
    DataStream<CxFact> deadLetterFacts =
        deadLetters
            .map(new DeadLetterFacts(Clock.systemUTC()))
            .uid("cx-dead-letters")
            .name("cx: dead letters as facts")
            // Dead letters come before event time is assigned; like the rules, they hold no time
            // back, so the location's watermark follows the jobs'.
            .assignTimestampsAndWatermarks(Untimed.strategy())
            .uid("cx-dead-letters-time")
            .name("cx: dead letters hold no time back");
    return jobFacts
        .union(deadLetterFacts)
        .keyBy(CxFact::key)
        .connect(rules)
        .process(new LocationCxFunction())
        .uid("cx-location")
        .name("cx per location");
  }
}
