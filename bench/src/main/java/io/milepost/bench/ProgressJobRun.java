package io.milepost.bench;

import io.milepost.schemas.Topics;
import io.milepost.stream.ProgressJob;
import io.milepost.stream.ProgressJobOptions;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The production job, unchanged, in a Flink MiniCluster in this JVM: bounded (it stops at the
 * offsets that were latest when it started), exactly-once checkpoints at the production interval,
 * real Kafka source and sinks.
 */
final class ProgressJobRun {
  private ProgressJobRun() {}

  record Result(Measurement measurement, Duration netRuntime, ReadableConfig options) {}

  static Result run(String bootstrapServers, BenchOptions options) throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    Configuration jobOptions =
        new Configuration()
            .set(ProgressJobOptions.BOOTSTRAP_SERVERS, bootstrapServers)
            .set(ProgressJobOptions.GROUP_ID, "bench-" + run)
            .set(ProgressJobOptions.TRANSACTIONAL_ID_PREFIX, "bench-" + run)
            .set(ProgressJobOptions.PARALLELISM, options.parallelism())
            .set(ProgressJobOptions.BOUNDED, true)
            .set(ProgressJobOptions.FROM_EARLIEST, true);
    StreamExecutionEnvironment env = ProgressJob.environment(jobOptions);
    ProgressJob.kafka(jobOptions).build(env);

    long started = System.nanoTime();
    Thread reporter =
        committedOffsetsReporter(
            bootstrapServers, jobOptions.get(ProgressJobOptions.GROUP_ID), options);
    JobExecutionResult result;
    try {
      result = env.execute(ProgressJob.JOB_NAME + "-bench");
    } finally {
      reporter.interrupt();
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    return new Result(
        new Measurement(
            "ProgressJob (MiniCluster, parallelism "
                + options.parallelism()
                + ", bounded, end to end)",
            options.events(),
            elapsed),
        Duration.ofMillis(result.getNetRuntime()),
        jobOptions);
  }

  /** The job commits its source offsets on each checkpoint: progress an operator would see. */
  private static Thread committedOffsetsReporter(
      String bootstrapServers, String groupId, BenchOptions options) {
    long started = System.nanoTime();
    Thread thread =
        new Thread(
            () -> {
              try (Admin admin =
                  Admin.create(
                      Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
                while (!Thread.currentThread().isInterrupted()) {
                  Thread.sleep(5_000);
                  Map<TopicPartition, OffsetAndMetadata> offsets =
                      admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
                  long committed =
                      offsets.entrySet().stream()
                          .filter(e -> e.getKey().topic().equals(Topics.OPS_EVENTS))
                          .mapToLong(e -> e.getValue() == null ? 0 : e.getValue().offset())
                          .sum();
                  System.out.printf(
                      "      %,d / %,d events checkpointed (%.0f s)%n",
                      committed, options.events(), (System.nanoTime() - started) / 1e9);
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
