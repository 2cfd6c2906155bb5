package io.milepost.bench;

import io.milepost.schemas.Topics;
import io.milepost.stream.ProgressJobOptions;
import io.milepost.testing.KafkaBroker;
import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * How fast is the progress job compared with the least any consumer of the topic must do?
 *
 * <p>Starts a real Kafka broker in this JVM, preloads {@code milepost.ops-events} with realistic
 * events from the simulator, then measures (1) the baseline: bare Kafka consumers that decode and
 * validate each event, and (2) {@link io.milepost.stream.ProgressJob} in a Flink MiniCluster,
 * bounded, with production checkpointing, end to end. Prints both rates and their ratio.
 *
 * <p>Then (3) a latency probe: the job runs unbounded while events arrive at a steady rate, each
 * timed until its board update and its intent are visible to readers.
 *
 * <p>Options: {@code --events N} (default 1,000,000), {@code --quick} (50,000 events, a 5 s probe),
 * {@code --parallelism N} (2), {@code --seed N}, {@code --probe-rate N} (200 events/s), {@code
 * --probe-seconds N} (15) or {@code --no-latency}. Run with {@code bench/run.sh}. Broker,
 * contenders and MiniCluster share this JVM and the machine's cores: compare runs on one machine,
 * not across.
 */
public final class ThroughputBench {
  private ThroughputBench() {}

  public static void main(String[] args) throws Exception {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    long started = System.nanoTime();
    System.out.printf(
        "Milepost throughput benchmark: %,d events, parallelism %d, %d cores, max heap %s%n",
        options.events(),
        options.parallelism(),
        Runtime.getRuntime().availableProcessors(),
        Heap.mib(Runtime.getRuntime().maxMemory()));

    System.out.println("[1/5] starting a Kafka broker (KRaft, in this JVM)");
    try (KafkaBroker broker = KafkaBroker.start()) {
      String kafka = broker.bootstrapServers();
      broker.createTopics(
          Topics.OPS_EVENTS,
          Topics.OPS_EVENTS_DLQ,
          Topics.INTENTS,
          Topics.BOARD,
          Topics.RULES,
          Topics.CX_METRICS);
      System.out.printf(
          "      %s, %d partitions per topic%n", kafka, KafkaBroker.DEFAULT_PARTITIONS);

      System.out.printf("[2/5] preloading %s%n", Topics.OPS_EVENTS);
      Measurement preload = Preload.run(kafka, options);
      System.out.println("      " + preload);

      System.out.println("[3/5] baseline: consume and decode the whole topic");
      Heap.resetPeak();
      long baselineCpuFrom = processCpuNanos();
      Baseline.Result baseline = Baseline.run(kafka, options);
      long baselineCpu = processCpuNanos() - baselineCpuFrom;
      String baselineHeap = Heap.describe();
      System.out.println("      " + baseline.measurement() + "; " + baselineHeap);

      System.gc();
      System.out.println("[4/5] ProgressJob over the same topic");
      Heap.resetPeak();
      long jobCpuFrom = processCpuNanos();
      ProgressJobRun.Result job = ProgressJobRun.run(kafka, options);
      long jobCpu = processCpuNanos() - jobCpuFrom;
      String jobHeap = Heap.describe();
      System.out.println("      " + job.measurement() + "; " + jobHeap);

      long boardUpdates = TopicCounts.count(kafka, Topics.BOARD, false);
      long intents = TopicCounts.count(kafka, Topics.INTENTS, true);
      long deadLetters = TopicCounts.count(kafka, Topics.OPS_EVENTS_DLQ, false);

      LatencyProbe.Result latency = null;
      if (options.probeSeconds() > 0) {
        System.out.printf(
            "[5/5] latency: ProgressJob running, %d events/s for %d s, each timed to its outputs%n",
            options.probeRate(), options.probeSeconds());
        latency = LatencyProbe.run(kafka, options, options.probeRate(), options.probeSeconds());
      }

      Histogram decode = baseline.decodeNanos();
      double ratio = job.measurement().eventsPerSecond() / baseline.measurement().eventsPerSecond();
      System.out.println();
      System.out.println("Results");
      System.out.println("  " + preload);
      System.out.println("  " + baseline.measurement());
      System.out.println("  " + job.measurement());
      System.out.printf(
          "  ratio ProgressJob / baseline: %.2f   (job net runtime %.1f s, checkpoints every %s)%n",
          ratio,
          job.netRuntime().toMillis() / 1000.0,
          human(job.options().get(ProgressJobOptions.CHECKPOINT_INTERVAL)));
      // CPU per event moves far less than the wall clock when other work shares the machine.
      System.out.printf(
          "  CPU per event (this JVM: contender, broker, sinks): baseline %.1f µs, job %.1f µs;"
              + " CPU ratio baseline / job: %.3f%n",
          baselineCpu / 1000.0 / options.events(),
          jobCpu / 1000.0 / options.events(),
          (double) baselineCpu / jobCpu);
      System.out.printf(
          "  WireCodec decode per event: p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs, max %.1f µs;"
              + " %d invalid%n",
          decode.getValueAtPercentile(50) / 1000.0,
          decode.getValueAtPercentile(99) / 1000.0,
          decode.getValueAtPercentile(99.9) / 1000.0,
          decode.getMaxValue() / 1000.0,
          baseline.invalid());
      System.out.printf(
          "  job output: %,d board updates, %,d intents (committed), %,d dead letters%n",
          boardUpdates, intents, deadLetters);
      if (latency != null) {
        System.out.println(
            "  "
                + LatencyProbe.describe(
                    "event → board update (at least once)",
                    latency.board(),
                    latency.boardMissing(),
                    latency.sent()));
        System.out.println(
            "  "
                + LatencyProbe.describe(
                    "event → intent (exactly once, read_committed)",
                    latency.intents(),
                    0,
                    latency.sent()));
      }
      System.out.println("  baseline " + baselineHeap);
      System.out.println("  job      " + jobHeap);
      System.out.printf(
          "  elapsed: %.1f s in all%n",
          Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0);
    }
    // Flink's and Kafka's non-daemon threads may linger after close; the run is over.
    System.exit(0);
  }

  /** This JVM's CPU time so far, all threads, in nanoseconds. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static String human(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + " s"
        : duration.toMillis() + " ms";
  }
}
