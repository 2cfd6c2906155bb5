package io.milepost.stream.time;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * The watermark of one source subtask: event time while events arrive, the wall clock when they
 * stop.
 *
 * <p>With traffic it trails the newest event by the out-of-orderness bound, exactly as Flink's
 * bounded-out-of-orderness generator does, so a replay of recorded events fires the same timers at
 * the same points as the live run did. After {@code idleTimeout} of wall-clock time without an
 * event, it follows the wall clock less {@code allowedLateness}: silences, overruns and digest ends
 * still fire at night, when no producer sends anything. It replaces {@code withIdleness}: an input
 * whose watermark follows the wall clock no longer holds back the others (their events are older
 * than now), so it need not be marked idle.
 *
 * <p>It never moves backwards: an event that arrives after a quiet period and is older than the
 * wall-clock watermark is late. Nothing is dropped for that (the stage machine orders by stage),
 * but deadlines it sets that have already passed fire at the next watermark. {@code
 * allowedLateness} is how far behind now a producer may deliver without being late that way.
 */
public final class WallClockWhenIdle<T> implements WatermarkGenerator<T> {
  private final long outOfOrderness;
  private final long idleTimeout;
  private final long allowedLateness;
  private final Clock clock;

  private long newestEvent = Long.MIN_VALUE;
  private long lastEventSeenAt;
  private long emitted = Long.MIN_VALUE;

  /**
   * @param clock the wall clock: {@link Clock#systemUTC()} in the job, a fake one in tests
   */
  public WallClockWhenIdle(
      Duration outOfOrderness, Duration idleTimeout, Duration allowedLateness, Clock clock) {
    this.outOfOrderness = outOfOrderness.toMillis();
    this.idleTimeout = idleTimeout.toMillis();
    this.allowedLateness = allowedLateness.toMillis();
    this.clock = clock;
    // A subtask that never sees an event (more subtasks than partitions, an empty topic) counts
    // as idle from its start, so it cannot hold the job's clock back forever.
    this.lastEventSeenAt = clock.millis();
  }

  /**
   * The strategy for a stream of {@code T} whose event time {@code timestamp} reads; the wall clock
   * is read on the task manager, so {@code clock} must be serializable ({@link Clock#systemUTC()}
   * is).
   */
  public static <T> WatermarkStrategy<T> strategy(
      Duration outOfOrderness,
      Duration idleTimeout,
      Duration allowedLateness,
      Clock clock,
      Timestamp<T> timestamp) {
    return WatermarkStrategy.<T>forGenerator(
            context -> new WallClockWhenIdle<>(outOfOrderness, idleTimeout, allowedLateness, clock))
        .withTimestampAssigner((element, recordTimestamp) -> timestamp.of(element));
  }

  /** Reads an element's event time in epoch milliseconds. */
  @FunctionalInterface
  public interface Timestamp<T> extends Serializable {
    long of(T element);
  }

  @Override
  public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
    newestEvent = Math.max(newestEvent, eventTimestamp);
    lastEventSeenAt = clock.millis();
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    long next = next(clock.millis());
    if (next > emitted) {
      emitted = next;
      output.emitWatermark(new Watermark(next));
    }
  }

  /** The watermark at wall-clock time {@code now}, before the never-backwards rule. */
  long next(long now) {
    if (now - lastEventSeenAt >= idleTimeout) {
      return Math.max(fromEvents(), now - allowedLateness);
    }
    return fromEvents();
  }

  private long fromEvents() {
    return newestEvent == Long.MIN_VALUE ? Long.MIN_VALUE : newestEvent - outOfOrderness - 1;
  }
}
