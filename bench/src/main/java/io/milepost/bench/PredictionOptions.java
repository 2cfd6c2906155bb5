package io.milepost.bench;

import java.time.Duration;
import java.time.Instant;

/**
 * What one prediction-quality run plays and scores.
 *
 * @param days simulated days (day n plays seed + n, as the simulator's {@code --days})
 * @param jobs jobs per simulated day, both tenants together (about 60 % repairs, 40 % parcels)
 * @param seed the simulator's seed: same seed and start, same week, same events
 * @param start the opening of day 1 (07:30 Chicago); fixed by default so that every run plays the
 *     same stamps, and in the past so that the job does not dead-letter events from the future
 * @param parallelism Flink's parallelism
 * @param partitions partitions of {@code milepost.ops-events} in the scored run: 1 by default, so
 *     the replay reaches the job in event-time order, as live traffic does: the job decides its
 *     timers alike either way now, but what the duration learner has learned when a job's event
 *     arrives still depends on the order it reads the week in (see bench/README.md)
 * @param watermarkInterval how often the job's sources emit a watermark (Flink's {@code
 *     pipeline.auto-watermark-interval}): Flink's default, 200 ms. It was 1 ms while a watermark
 *     step spanning hours of a replayed week let a job's events overtake its due timers; the job
 *     now decides what was due before each event first, so the step no longer matters
 * @param stateCut how far into the week the state probe's run reads; null skips the probe
 */
record PredictionOptions(
    int days,
    int jobs,
    long seed,
    Instant start,
    int parallelism,
    int partitions,
    Duration watermarkInterval,
    Duration stateCut) {
  static final Instant DEFAULT_START = Instant.parse("2026-11-09T13:30:00Z");

  static PredictionOptions parse(String[] args) {
    int days = 7;
    int jobs = 600;
    long seed = 1;
    Instant start = DEFAULT_START;
    int parallelism = 2;
    int partitions = 1;
    Duration watermarkInterval = Duration.ofMillis(200);
    Duration stateCut = Duration.ofHours(3 * 24 + 12);
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--days" -> days = Integer.parseInt(value(args, ++i, "--days"));
        case "--jobs" -> jobs = Integer.parseInt(value(args, ++i, "--jobs"));
        case "--seed" -> seed = Long.parseLong(value(args, ++i, "--seed"));
        case "--start" -> start = Instant.parse(value(args, ++i, "--start"));
        case "--parallelism" -> parallelism = Integer.parseInt(value(args, ++i, "--parallelism"));
        case "--partitions" -> partitions = Integer.parseInt(value(args, ++i, "--partitions"));
        case "--watermark-interval-ms" ->
            watermarkInterval =
                Duration.ofMillis(Long.parseLong(value(args, ++i, "--watermark-interval-ms")));
        case "--state-cut-hours" ->
            stateCut = Duration.ofHours(Long.parseLong(value(args, ++i, "--state-cut-hours")));
        case "--no-state" -> stateCut = null;
        default ->
            throw new IllegalArgumentException(
                "unknown option "
                    + args[i]
                    + "; usage: [--days N] [--jobs N] [--seed N] [--start ISO-instant]"
                    + " [--parallelism N] [--partitions N] [--watermark-interval-ms N]"
                    + " [--state-cut-hours N | --no-state]");
      }
    }
    if (days < 1
        || jobs < 1
        || parallelism < 1
        || partitions < 1
        || watermarkInterval.toMillis() < 1) {
      throw new IllegalArgumentException(
          "--days, --jobs, --parallelism, --partitions and --watermark-interval-ms must be positive");
    }
    if (stateCut != null && (stateCut.isNegative() || stateCut.isZero())) {
      throw new IllegalArgumentException("--state-cut-hours must be positive");
    }
    return new PredictionOptions(
        days, jobs, seed, start, parallelism, partitions, watermarkInterval, stateCut);
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[index];
  }
}
