package io.milepost.stream.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class WallClockWhenIdleTest {
  private static final Instant NOW = Instant.parse("2026-11-24T22:00:00Z");
  private static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(30);
  private static final Duration IDLE = Duration.ofMinutes(1);
  private static final Duration LATENESS = Duration.ofMinutes(2);

  private final FakeClock clock = new FakeClock(NOW);
  private final Recorded output = new Recorded();
  private final WallClockWhenIdle<String> watermarks =
      new WallClockWhenIdle<>(OUT_OF_ORDERNESS, IDLE, LATENESS, clock);

  @Test
  void shouldTrailTheNewestEventWhileEventsArrive() {
    event(NOW.minus(Duration.ofHours(3))); // a replay of old events, read quickly
    clock.advance(Duration.ofSeconds(20));
    event(NOW.minus(Duration.ofHours(2)));
    event(NOW.minus(Duration.ofHours(2).plusMinutes(5))); // out of order: holds nothing back

    watermarks.onPeriodicEmit(output);

    assertThat(output.last()).isEqualTo(millis(NOW.minus(Duration.ofHours(2))) - 30_001);
  }

  @Test
  void shouldFollowTheWallClockLessTheLatenessOnceIdle() {
    event(NOW.minus(Duration.ofHours(1)));
    clock.advance(IDLE.minusMillis(1));
    watermarks.onPeriodicEmit(output);
    assertThat(output.last())
        .as("not idle yet")
        .isEqualTo(millis(NOW.minus(Duration.ofHours(1))) - 30_001);

    clock.advance(Duration.ofMillis(1));
    watermarks.onPeriodicEmit(output);
    assertThat(output.last()).isEqualTo(millis(NOW.plus(IDLE).minus(LATENESS)));

    clock.advance(Duration.ofHours(8)); // the night
    watermarks.onPeriodicEmit(output);
    assertThat(output.last())
        .isEqualTo(millis(NOW.plus(IDLE).plus(Duration.ofHours(8)).minus(LATENESS)));
  }

  @Test
  void shouldNeverGoBackWhenTrafficResumesWithOlderEvents() {
    event(NOW.minus(Duration.ofHours(1)));
    clock.advance(Duration.ofMinutes(10));
    watermarks.onPeriodicEmit(output);
    long idle = output.last();

    event(NOW.minus(Duration.ofMinutes(30))); // delivered late: older than the idle watermark
    watermarks.onPeriodicEmit(output);
    event(NOW.plus(Duration.ofMinutes(20))); // traffic again: event time leads once past it
    watermarks.onPeriodicEmit(output);

    assertThat(output.all).containsExactly(idle, millis(NOW.plus(Duration.ofMinutes(20))) - 30_001);
  }

  @Test
  void shouldTreatASubtaskWithoutEventsAsIdleFromItsStart() {
    watermarks.onPeriodicEmit(output);
    assertThat(output.all).as("nothing known yet").isEmpty();

    clock.advance(IDLE);
    watermarks.onPeriodicEmit(output);

    assertThat(output.last()).isEqualTo(millis(NOW.plus(IDLE).minus(LATENESS)));
  }

  @Test
  void shouldKeepEventTimeWhenEventsAreAheadOfTheWallClock() {
    // A producer a few minutes fast (within the allowed skew): its time is not taken back.
    event(NOW.plus(Duration.ofMinutes(5)));
    clock.advance(IDLE);

    watermarks.onPeriodicEmit(output);

    assertThat(output.last()).isEqualTo(millis(NOW.plus(Duration.ofMinutes(5))) - 30_001);
  }

  private void event(Instant occurredAt) {
    watermarks.onEvent("event", occurredAt.toEpochMilli(), output);
  }

  private static long millis(Instant instant) {
    return instant.toEpochMilli();
  }

  static final class Recorded implements WatermarkOutput {
    final List<Long> all = new ArrayList<>();

    long last() {
      return all.get(all.size() - 1);
    }

    @Override
    public void emitWatermark(Watermark watermark) {
      all.add(watermark.getTimestamp());
    }

    @Override
    public void markIdle() {
      throw new AssertionError("the wall clock replaces idleness");
    }

    @Override
    public void markActive() {}
  }

  /** A clock the test moves. */
  static final class FakeClock extends Clock {
    private Instant now;

    FakeClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
