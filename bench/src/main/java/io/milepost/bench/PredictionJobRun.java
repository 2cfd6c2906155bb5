package io.milepost.bench;

import io.milepost.schemas.Topics;
import io.milepost.stream.ProgressJob;
import io.milepost.stream.ProgressJobOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The production job, unchanged, over the preloaded week: bounded, from the earliest offsets, in a
 * MiniCluster in this JVM, with the production checkpoint interval and real Kafka sinks. While it
 * runs, the offsets it commits at each checkpoint are turned back into event time per partition:
 * how far each partition has been read, in simulated time, and the gap between them.
 */
final class PredictionJobRun {
  private PredictionJobRun() {}

  /**
   * @param skews the gap in event time between the partitions' checkpointed positions, sampled each
   *     second while both were still being read
   */
  record Result(Duration elapsed, List<Duration> skews) {}

  static Configuration jobOptions(String bootstrapServers, int parallelism, boolean bounded) {
    String run = UUID.randomUUID().toString().substring(0, 8);
    return new Configuration()
        .set(ProgressJobOptions.BOOTSTRAP_SERVERS, bootstrapServers)
        .set(ProgressJobOptions.GROUP_ID, "predict-" + run)
        .set(ProgressJobOptions.TRANSACTIONAL_ID_PREFIX, "predict-" + run)
        .set(ProgressJobOptions.PARALLELISM, parallelism)
        .set(ProgressJobOptions.BOUNDED, bounded)
        .set(ProgressJobOptions.FROM_EARLIEST, true);
  }

  static Result run(
      String bootstrapServers,
      int parallelism,
      Duration watermarkInterval,
      WeekPreload.Result input)
      throws Exception {
    Configuration jobOptions = jobOptions(bootstrapServers, parallelism, true);
    StreamExecutionEnvironment env = ProgressJob.environment(jobOptions);
    // A setting of the environment, not of the job: see PredictionOptions#watermarkInterval.
    env.getConfig().setAutoWatermarkInterval(watermarkInterval.toMillis());
    ProgressJob.kafka(jobOptions).build(env);
    List<Duration> skews = Collections.synchronizedList(new ArrayList<>());
    long started = System.nanoTime();
    Thread reporter =
        reporter(bootstrapServers, jobOptions.get(ProgressJobOptions.GROUP_ID), input, skews);
    try {
      env.execute(ProgressJob.JOB_NAME + "-predict");
    } finally {
      reporter.interrupt();
    }
    return new Result(Duration.ofNanos(System.nanoTime() - started), List.copyOf(skews));
  }

  /** Committed offsets per partition, as a map; partitions without a commit are absent. */
  static Map<Integer, Long> committed(Admin admin, String groupId) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
    Map<Integer, Long> byPartition = new java.util.TreeMap<>();
    offsets.forEach(
        (partition, offset) -> {
          if (partition.topic().equals(Topics.OPS_EVENTS) && offset != null) {
            byPartition.put(partition.partition(), offset.offset());
          }
        });
    return byPartition;
  }

  static Admin admin(String bootstrapServers) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  private static Thread reporter(
      String bootstrapServers, String groupId, WeekPreload.Result input, List<Duration> skews) {
    long started = System.nanoTime();
    Thread thread =
        new Thread(
            () -> {
              try (Admin admin = admin(bootstrapServers)) {
                long lastPrint = 0;
                while (!Thread.currentThread().isInterrupted()) {
                  Thread.sleep(1_000);
                  Map<Integer, Long> offsets = committed(admin, groupId);
                  long read = offsets.values().stream().mapToLong(Long::longValue).sum();
                  List<Instant> reached = new ArrayList<>();
                  boolean bothOpen = offsets.size() == input.sentAtByOffset().size();
                  for (var entry : offsets.entrySet()) {
                    Instant at = input.reachedAt(entry.getKey(), entry.getValue());
                    if (at != null) {
                      reached.add(at);
                    }
                    bothOpen &= entry.getValue() < input.endOffset(entry.getKey());
                  }
                  if (bothOpen && reached.size() > 1) {
                    Instant min = Collections.min(reached);
                    Instant max = Collections.max(reached);
                    skews.add(Duration.between(min, max));
                  }
                  long now = System.nanoTime();
                  if (now - lastPrint >= 5_000_000_000L) {
                    lastPrint = now;
                    System.out.printf(
                        "      %,d / %,d records checkpointed, event time reached per partition"
                            + " %s (%.0f s)%n",
                        read, input.total(), reached, (now - started) / 1e9);
                  }
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (Exception e) {
                System.out.println("      (progress unavailable: " + e.getMessage() + ")");
              }
            },
            "job-progress");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
