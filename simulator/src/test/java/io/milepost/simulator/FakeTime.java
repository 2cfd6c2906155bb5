package io.milepost.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A wall clock that moves only when the simulator sleeps: runs are instant and deterministic. */
final class FakeTime extends Clock implements CompressedClock.Sleeper {
  private Instant now;

  FakeTime(Instant now) {
    this.now = now;
  }

  @Override
  public void sleep(Duration duration) {
    now = now.plus(duration);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
