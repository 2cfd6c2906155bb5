package io.milepost.bench;

import java.time.Duration;

/** How long a contender took for how many events. */
record Measurement(String name, long events, Duration elapsed) {

  double eventsPerSecond() {
    return events / (elapsed.toNanos() / 1e9);
  }

  @Override
  public String toString() {
    return String.format(
        "%-62s %,10d events in %6.1f s = %,9.0f events/s",
        name, events, elapsed.toMillis() / 1000.0, eventsPerSecond());
  }
}
