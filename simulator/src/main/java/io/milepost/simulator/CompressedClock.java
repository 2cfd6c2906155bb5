package io.milepost.simulator;

import java.time.Duration;
import java.time.Instant;

/**
 * Maps simulated time onto real time {@code speed} times faster: at speed 600 a simulated hour
 * passes in six real seconds.
 */
final class CompressedClock {
  private final Instant simulatedStart;
  private final long realStartNanos;
  private final double speed;

  CompressedClock(Instant simulatedStart, double speed) {
    if (speed <= 0) {
      throw new IllegalArgumentException("speed must be positive, was " + speed);
    }
    this.simulatedStart = simulatedStart;
    this.realStartNanos = System.nanoTime();
    this.speed = speed;
  }

  /** Sleeps until the simulated clock reaches {@code simulated}; returns at once if it has. */
  void sleepUntil(Instant simulated) throws InterruptedException {
    long dueNanos =
        realStartNanos + (long) (Duration.between(simulatedStart, simulated).toNanos() / speed);
    long waitNanos = dueNanos - System.nanoTime();
    if (waitNanos > 0) {
      Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
    }
  }

  Duration realElapsed() {
    return Duration.ofNanos(System.nanoTime() - realStartNanos);
  }
}
