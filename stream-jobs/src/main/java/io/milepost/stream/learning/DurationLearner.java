package io.milepost.stream.learning;

import io.milepost.stream.eta.StageStats;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by tenant, location, journey and stage ({@link StageStats#key}): keeps the latest {@code
 * window} passages of the stage and publishes their share once there are {@code minSamples} of
 * them, the {@code percentile} of their durations once {@code minSamples} of them entered the stage
 * ({@link StageStats}), and again whenever these change materially ({@link Learning#material}).
 *
 * <p>Bounded: one ring of {@code window} longs per key, and keys do not outlive their stage: a key
 * without a passage for {@code idle} (event time) is dropped, and a {@link StageStats#forget} is
 * published so the job operator drops it too. One event-time timer per key, re-checked when it
 * fires.
 */
public class DurationLearner extends KeyedProcessFunction<String, StagePassage, StageStats> {
  private final int window;
  private final int percentile;
  private final int minSamples;
  private final Duration idle;

  private transient ValueState<LearnedSample> sample;

  /**
   * @param window how many of the latest passages are kept
   * @param percentile which percentile of the durations is published, 1 to 100
   * @param minSamples how many passages before anything is published
   * @param idle how long, in event time, a stage without passages is remembered
   */
  public DurationLearner(int window, int percentile, int minSamples, Duration idle) {
    this.window = window;
    this.percentile = percentile;
    this.minSamples = minSamples;
    this.idle = idle;
  }

  @Override
  public void open(OpenContext openContext) {
    sample =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "learned-sample", TypeInformation.of(LearnedSample.class)));
  }

  @Override
  public void processElement(StagePassage passage, Context ctx, Collector<StageStats> out)
      throws Exception {
    LearnedSample held = sample.value();
    if (held == null) {
      held = new LearnedSample();
      held.tenantId = passage.tenantId();
      held.locationId = passage.locationId();
      held.journey = passage.journey();
      held.stage = passage.stage();
    }
    Learning.add(held, passage, window);
    Long timestamp = ctx.timestamp();
    if (timestamp != null) {
      held.lastAt = Math.max(held.lastAt, timestamp);
    }
    StageStats stats = Learning.stats(held, percentile, minSamples);
    if (Learning.material(held, stats, minSamples)) {
      Learning.published(held, stats);
      out.collect(stats);
    }
    if (held.wakeAt == 0) {
      held.wakeAt = held.lastAt + idle.toMillis();
      ctx.timerService().registerEventTimeTimer(held.wakeAt);
    }
    sample.update(held);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<StageStats> out)
      throws Exception {
    LearnedSample held = sample.value();
    if (held == null) {
      return;
    }
    long forgetAt = held.lastAt + idle.toMillis();
    if (timestamp >= forgetAt) {
      if (held.published) {
        out.collect(StageStats.forget(held.tenantId, held.locationId, held.journey, held.stage));
      }
      sample.clear();
      return;
    }
    held.wakeAt = forgetAt;
    ctx.timerService().registerEventTimeTimer(forgetAt);
    sample.update(held);
  }
}
