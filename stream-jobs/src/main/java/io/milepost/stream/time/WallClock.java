package io.milepost.stream.time;

import java.time.Clock;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * The watermark of a stream whose elements are stamped with the wall clock when they are made (the
 * dead letters: they failed validation, so they have no event time to trust): the wall clock less
 * {@code allowedLateness}, from the first periodic emit, with or without elements.
 *
 * <p>Unlike {@link WallClockWhenIdle} it has no idle timeout to wait out. A stream that stays empty
 * for a while is the normal case here, and during that wait its watermark would be at the start of
 * time, holding back every operator it joins: a replay read at full speed then piles up days of
 * open CX windows in that minute (seen: 5 MB per location subtask, over the memory-backed
 * checkpoint limit, so the job restarted forever). Trailing now, it holds a joined watermark back
 * only where the events' own would be at night.
 */
public final class WallClock<T> implements WatermarkGenerator<T> {
  private final long allowedLateness;
  private final Clock clock;
  private long emitted = Long.MIN_VALUE;

  public WallClock(Duration allowedLateness, Clock clock) {
    this.allowedLateness = allowedLateness.toMillis();
    this.clock = clock;
  }

  /**
   * The strategy for a stream of {@code T} stamped by {@code timestamp}; the clock is read on the
   * task manager, so it must be serializable ({@link Clock#systemUTC()} is).
   */
  public static <T> WatermarkStrategy<T> strategy(
      Duration allowedLateness, Clock clock, WallClockWhenIdle.Timestamp<T> timestamp) {
    return WatermarkStrategy.<T>forGenerator(context -> new WallClock<>(allowedLateness, clock))
        .withTimestampAssigner((element, recordTimestamp) -> timestamp.of(element));
  }

  @Override
  public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    long next = clock.millis() - allowedLateness;
    if (next > emitted) {
      emitted = next;
      output.emitWatermark(new Watermark(next));
    }
  }
}
