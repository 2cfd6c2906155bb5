package io.milepost.stream.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WallClockTest {
  private static final Instant NOW = Instant.parse("2026-11-29T18:00:00Z");
  private static final Duration LATENESS = Duration.ofMinutes(2);

  private final WallClockWhenIdleTest.FakeClock clock = new WallClockWhenIdleTest.FakeClock(NOW);
  private final WallClockWhenIdleTest.Recorded output = new WallClockWhenIdleTest.Recorded();
  private final WallClock<String> watermarks = new WallClock<>(LATENESS, clock);

  @Test
  void anEmptyStreamTrailsNowFromItsFirstEmitNotFromTheStartOfTime() {
    watermarks.onPeriodicEmit(output);

    assertThat(output.all).containsExactly(NOW.minus(LATENESS).toEpochMilli());
  }

  @Test
  void itFollowsTheWallClockWhateverTheElementsSayAndNeverGoesBack() {
    watermarks.onPeriodicEmit(output);
    watermarks.onEvent("a dead letter", NOW.plus(Duration.ofHours(1)).toEpochMilli(), output);
    clock.advance(Duration.ofMinutes(10));
    watermarks.onPeriodicEmit(output);
    clock.advance(Duration.ofMinutes(-5)); // the clock stepped back (NTP)
    watermarks.onPeriodicEmit(output);

    assertThat(output.all)
        .containsExactly(
            NOW.minus(LATENESS).toEpochMilli(),
            NOW.plus(Duration.ofMinutes(10)).minus(LATENESS).toEpochMilli());
  }
}
