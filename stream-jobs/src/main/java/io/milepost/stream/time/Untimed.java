package io.milepost.stream.time;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Time for a stream that has none of its own (the rules): its watermark is at the end of time from
 * the start, so an operator that joins it with the events follows the events' watermark alone.
 * Without it, a broadcast input that never emits a watermark holds the joined operator's at its
 * minimum, and no event-time timer ever fires.
 */
public final class Untimed<T> implements WatermarkGenerator<T> {

  public static <T> WatermarkStrategy<T> strategy() {
    return WatermarkStrategy.<T>forGenerator(context -> new Untimed<>())
        .withTimestampAssigner((element, recordTimestamp) -> Long.MIN_VALUE);
  }

  @Override
  public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    output.emitWatermark(new Watermark(Long.MAX_VALUE));
  }
}
