package io.milepost.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CompressedClockTest {
  private static final Instant SIMULATED = Instant.parse("2026-11-24T13:30:00Z");
  private static final Instant WALL = Instant.parse("2026-11-29T15:00:00Z");

  @Test
  void shouldTakeTwelveRealSecondsForATwoHourRepairAt600x() throws Exception {
    FakeTime time = new FakeTime(WALL);
    CompressedClock clock = new CompressedClock(SIMULATED, 600, time, time);
    Instant repairDone = SIMULATED.plus(Duration.ofHours(2));

    clock.sleepUntil(repairDone);

    assertThat(clock.toWall(repairDone)).isEqualTo(WALL.plusSeconds(12));
    assertThat(clock.now()).isEqualTo(WALL.plusSeconds(12));
    assertThat(clock.realElapsed()).isEqualTo(Duration.ofSeconds(12));
  }

  @Test
  void shouldNotSleepForAMomentAlreadyPassed() throws Exception {
    FakeTime time = new FakeTime(WALL);
    CompressedClock clock = new CompressedClock(SIMULATED, 600, time, time);
    time.sleep(Duration.ofSeconds(30));

    clock.sleepUntil(SIMULATED.plus(Duration.ofHours(1)));

    assertThat(clock.realElapsed()).isEqualTo(Duration.ofSeconds(30));
  }
}
