package io.milepost.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;

/** Random helpers shared by the job scripts. */
final class Durations {
  private Durations() {}

  /** A duration between {@code min} and {@code max} minutes, to the second. */
  static Duration minutes(Random random, int min, int max) {
    return Duration.ofSeconds(min * 60L + random.nextInt((max - min) * 60 + 1));
  }

  /** Promises are made in round half hours, as a service advisor would. */
  static Instant roundUpToHalfHour(Instant instant) {
    Instant floor = instant.truncatedTo(ChronoUnit.HOURS);
    while (floor.isBefore(instant)) {
      floor = floor.plus(Duration.ofMinutes(30));
    }
    return floor;
  }

  static boolean chance(Random random, double probability) {
    return random.nextDouble() < probability;
  }

  static <T> T pick(Random random, List<T> options) {
    return options.get(random.nextInt(options.size()));
  }
}
