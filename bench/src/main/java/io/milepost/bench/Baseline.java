package io.milepost.bench;

import io.milepost.schemas.InvalidPayloadException;
import io.milepost.schemas.Topics;
import io.milepost.schemas.WireCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The floor to compare against: the same topic read by bare Kafka consumers that decode and
 * validate every event with {@link WireCodec#OPS_EVENT} and do nothing else, one thread per unit of
 * the job's parallelism.
 */
final class Baseline {
  private Baseline() {}

  record Result(Measurement measurement, long invalid, Histogram decodeNanos) {}

  static Result run(String bootstrapServers, BenchOptions options) throws Exception {
    List<TopicPartition> partitions;
    try (KafkaConsumer<String, byte[]> probe = Consumers.open(bootstrapServers, false)) {
      partitions =
          probe.partitionsFor(Topics.OPS_EVENTS, Duration.ofSeconds(10)).stream()
              .map(info -> new TopicPartition(Topics.OPS_EVENTS, info.partition()))
              .toList();
    }
    int threads = Math.min(options.parallelism(), partitions.size());
    AtomicLong consumed = new AtomicLong();
    AtomicLong invalid = new AtomicLong();
    List<Histogram> histograms = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long started = System.nanoTime();
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        List<TopicPartition> mine = new ArrayList<>();
        for (int p = t; p < partitions.size(); p += threads) {
          mine.add(partitions.get(p));
        }
        Histogram histogram = new Histogram(3);
        histograms.add(histogram);
        workers.add(
            pool.submit(
                () -> {
                  consume(bootstrapServers, mine, consumed, invalid, histogram);
                  return null;
                }));
      }
      Thread reporter = progressReporter(consumed, options.events(), started);
      for (Future<?> worker : workers) {
        worker.get();
      }
      reporter.interrupt();
    } finally {
      pool.shutdownNow();
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    Histogram all = new Histogram(3);
    histograms.forEach(all::add);
    return new Result(
        new Measurement(
            "baseline (KafkaConsumer + WireCodec decode, " + threads + " threads)",
            consumed.get(),
            elapsed),
        invalid.get(),
        all);
  }

  private static void consume(
      String bootstrapServers,
      List<TopicPartition> partitions,
      AtomicLong consumed,
      AtomicLong invalid,
      Histogram decodeNanos) {
    try (KafkaConsumer<String, byte[]> consumer = Consumers.open(bootstrapServers, false)) {
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          long before = System.nanoTime();
          try {
            WireCodec.OPS_EVENT.decode(record.value());
          } catch (InvalidPayloadException e) {
            invalid.incrementAndGet();
          }
          decodeNanos.recordValue(System.nanoTime() - before);
          consumed.incrementAndGet();
        }
      }
    }
  }

  static Thread progressReporter(AtomicLong done, long total, long startedNanos) {
    Thread thread =
        new Thread(
            () -> {
              try {
                while (true) {
                  Thread.sleep(5_000);
                  long now = done.get();
                  System.out.printf(
                      "      %,d / %,d events (%,.0f events/s so far)%n",
                      now, total, now / ((System.nanoTime() - startedNanos) / 1e9));
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "progress");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
