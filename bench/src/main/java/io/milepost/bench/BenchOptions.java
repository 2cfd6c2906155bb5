package io.milepost.bench;

/**
 * What one benchmark run measures.
 *
 * @param events events preloaded and then read by each contender
 * @param parallelism Flink's parallelism, and the baseline's consumer threads, for a fair race
 * @param seed the simulator's seed: same seed, same events
 */
record BenchOptions(long events, int parallelism, long seed) {
  static final long DEFAULT_EVENTS = 1_000_000;
  static final long QUICK_EVENTS = 50_000;

  static BenchOptions parse(String[] args) {
    long events = DEFAULT_EVENTS;
    int parallelism = 2;
    long seed = 42;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> events = QUICK_EVENTS;
        case "--events" -> events = Long.parseLong(value(args, ++i, "--events"));
        case "--parallelism" -> parallelism = Integer.parseInt(value(args, ++i, "--parallelism"));
        case "--seed" -> seed = Long.parseLong(value(args, ++i, "--seed"));
        default ->
            throw new IllegalArgumentException(
                "unknown option "
                    + args[i]
                    + "; usage: [--events N | --quick] [--parallelism N] [--seed N]");
      }
    }
    if (events < 1 || parallelism < 1) {
      throw new IllegalArgumentException("--events and --parallelism must be positive");
    }
    return new BenchOptions(events, parallelism, seed);
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[index];
  }
}
