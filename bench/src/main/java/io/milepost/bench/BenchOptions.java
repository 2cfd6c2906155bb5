package io.milepost.bench;

/**
 * What one benchmark run measures.
 *
 * @param events events preloaded and then read by each contender
 * @param parallelism Flink's parallelism, and the baseline's consumer threads, for a fair race
 * @param seed the simulator's seed: same seed, same events
 * @param probeRate events per second of the latency probe
 * @param probeSeconds how long the latency probe sends; 0 skips it
 */
record BenchOptions(long events, int parallelism, long seed, int probeRate, int probeSeconds) {
  static final long DEFAULT_EVENTS = 1_000_000;
  static final long QUICK_EVENTS = 50_000;

  static BenchOptions parse(String[] args) {
    long events = DEFAULT_EVENTS;
    int parallelism = 2;
    long seed = 42;
    int probeRate = 200;
    int probeSeconds = 15;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> {
          events = QUICK_EVENTS;
          probeRate = 100;
          probeSeconds = 5;
        }
        case "--no-latency" -> probeSeconds = 0;
        case "--probe-rate" -> probeRate = Integer.parseInt(value(args, ++i, "--probe-rate"));
        case "--probe-seconds" ->
            probeSeconds = Integer.parseInt(value(args, ++i, "--probe-seconds"));
        case "--events" -> events = Long.parseLong(value(args, ++i, "--events"));
        case "--parallelism" -> parallelism = Integer.parseInt(value(args, ++i, "--parallelism"));
        case "--seed" -> seed = Long.parseLong(value(args, ++i, "--seed"));
        default ->
            throw new IllegalArgumentException(
                "unknown option "
                    + args[i]
                    + "; usage: [--events N | --quick] [--parallelism N] [--seed N]"
                    + " [--probe-rate N] [--probe-seconds N | --no-latency]");
      }
    }
    if (events < 1 || parallelism < 1 || probeRate < 1 || probeSeconds < 0) {
      throw new IllegalArgumentException(
          "--events, --parallelism and --probe-rate must be positive, --probe-seconds not negative");
    }
    return new BenchOptions(events, parallelism, seed, probeRate, probeSeconds);
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[index];
  }
}
