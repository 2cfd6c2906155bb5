package io.milepost.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Maps a simulated day onto the wall clock {@code speed} times faster: at speed 600 a simulated
 * hour passes in six real seconds, and a two-hour repair takes twelve. Events are stamped with the
 * wall clock, not with simulated time, so that a receiver checking that nothing is stamped in the
 * future (see {@code EventClock}) accepts them: the day's durations are compressed instead.
 */
final class CompressedClock {
  /** How the simulator waits; tests pass one that moves their own clock instead. */
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  static final Sleeper THREAD_SLEEP =
      duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);

  private final Instant simulatedStart;
  private final Instant realStart;
  private final double speed;
  private final Clock clock;
  private final Sleeper sleeper;

  /** Starts now: {@code simulatedStart} is reached at the clock's current instant. */
  CompressedClock(Instant simulatedStart, double speed, Clock clock, Sleeper sleeper) {
    if (speed <= 0) {
      throw new IllegalArgumentException("speed must be positive, was " + speed);
    }
    this.simulatedStart = simulatedStart;
    this.speed = speed;
    this.clock = clock;
    this.sleeper = sleeper;
    this.realStart = clock.instant();
  }

  /** The wall-clock instant at which the simulated clock reaches {@code simulated}. */
  Instant toWall(Instant simulated) {
    long nanos = (long) (Duration.between(simulatedStart, simulated).toNanos() / speed);
    return realStart.plusNanos(nanos).truncatedTo(ChronoUnit.MILLIS);
  }

  /** Sleeps until the simulated clock reaches {@code simulated}; returns at once if it has. */
  void sleepUntil(Instant simulated) throws InterruptedException {
    Duration wait = Duration.between(clock.instant(), toWall(simulated));
    if (!wait.isNegative() && !wait.isZero()) {
      sleeper.sleep(wait);
    }
  }

  /** The wall clock now, as events are stamped: to the millisecond, like most producers. */
  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  Duration realElapsed() {
    return Duration.between(realStart, clock.instant());
  }
}
