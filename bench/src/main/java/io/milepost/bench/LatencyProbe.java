package io.milepost.bench;

import io.milepost.schemas.BoardUpdate;
import io.milepost.schemas.Intent;
import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.Topics;
import io.milepost.schemas.WireCodec;
import io.milepost.simulator.BulkEvents;
import io.milepost.simulator.SimulatedEvent;
import io.milepost.stream.ProgressJob;
import io.milepost.stream.ProgressJobOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * How long a customer waits: with the job running (unbounded, production settings), events are sent
 * at a steady rate and each one's board update and intent is timed from the moment it was handed to
 * the producer until a reader sees it. Board updates go out at once (at least once); intents become
 * visible when the checkpoint that holds them commits (exactly once).
 */
final class LatencyProbe {
  /** Job numbers far above any the preload used, so probe events start fresh jobs. */
  private static final long FIRST_SEQUENCE = 50_000_000;

  private static final int WARM_UP_SECONDS = 2;

  private LatencyProbe() {}

  record Result(Histogram board, long boardMissing, Histogram intents, long sent) {}

  /** One timed event and when it was handed to the producer, in {@link System#nanoTime()}. */
  private record Sent(SimulatedEvent event, long nanos) {}

  static Result run(String kafka, BenchOptions options, int eventsPerSecond, int seconds)
      throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    Configuration jobOptions =
        new Configuration()
            .set(ProgressJobOptions.BOOTSTRAP_SERVERS, kafka)
            .set(ProgressJobOptions.GROUP_ID, "bench-latency-" + run)
            .set(ProgressJobOptions.TRANSACTIONAL_ID_PREFIX, "bench-latency-" + run)
            .set(ProgressJobOptions.PARALLELISM, options.parallelism());
    // The job resumes from its group's committed offsets: commit the end, so it reads only probes.
    commitEndOffsets(kafka, jobOptions.get(ProgressJobOptions.GROUP_ID));

    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    Map<String, Long> boardSeen = new ConcurrentHashMap<>();
    Map<String, Long> intentSeen = new ConcurrentHashMap<>();
    AtomicBoolean reading = new AtomicBoolean(true);
    Thread boardReader =
        reader(
            kafka,
            Topics.BOARD,
            false,
            bytes -> {
              BoardUpdate update = WireCodec.BOARD_UPDATE.decode(bytes);
              return update.key() + "@" + update.occurredAt();
            },
            boardSeen,
            reading);
    Thread intentReader =
        reader(
            kafka,
            Topics.INTENTS,
            true,
            bytes -> {
              Intent intent = WireCodec.INTENT.decode(bytes);
              return intent.sourceEventId();
            },
            intentSeen,
            reading);

    StreamExecutionEnvironment env = ProgressJob.environment(jobOptions);
    ProgressJob.kafka(jobOptions).build(env);
    JobClient job = env.executeAsync(ProgressJob.JOB_NAME + "-latency");
    try {
      awaitRunning(job);
      // Stamped up to now and never after: the job dead-letters events from the future.
      long total = (long) eventsPerSecond * (WARM_UP_SECONDS + seconds);
      Instant start = BulkEvents.startEndingBy(options.seed() + 1, total, Instant.now());
      Iterator<SimulatedEvent> events =
          BulkEvents.stream(options.seed() + 1, start, FIRST_SEQUENCE).iterator();
      // Warm-up: the first records also wait for the source to find its partitions; not timed.
      sendAtRate(kafka, events, eventsPerSecond, WARM_UP_SECONDS, new HashMap<>(), "warm-up");
      Thread.sleep(3_000);
      Map<String, Sent> probes = new HashMap<>();
      sendAtRate(kafka, events, eventsPerSecond, seconds, probes, "probe");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (System.nanoTime() < deadline && !allOnBoard(probes, boardSeen)) {
        Thread.sleep(200);
      }
      // Not every event makes an intent; those that do arrive with the next checkpoint or two.
      Thread.sleep(2 * jobOptions.get(ProgressJobOptions.CHECKPOINT_INTERVAL).toMillis() + 1_000);
      return summarize(probes, boardSeen, intentSeen);
    } finally {
      reading.set(false);
      job.cancel().get(30, TimeUnit.SECONDS);
      boardReader.join(5_000);
      intentReader.join(5_000);
    }
  }

  private static boolean allOnBoard(Map<String, Sent> probes, Map<String, Long> boardSeen) {
    return probes.values().stream().allMatch(sent -> boardSeen.containsKey(boardId(sent)));
  }

  private static String boardId(Sent sent) {
    OpsEvent event = sent.event().event();
    return event.key() + "@" + event.occurredAt();
  }

  private static Result summarize(
      Map<String, Sent> probes, Map<String, Long> boardSeen, Map<String, Long> intentSeen) {
    Histogram board = new Histogram(TimeUnit.MINUTES.toNanos(5), 3);
    Histogram intents = new Histogram(TimeUnit.MINUTES.toNanos(5), 3);
    long boardMissing = 0;
    for (Sent sent : probes.values()) {
      Long onBoard = boardSeen.get(boardId(sent));
      if (onBoard == null) {
        boardMissing++;
      } else {
        board.recordValue(Math.max(0, onBoard - sent.nanos()));
      }
      Long asIntent = intentSeen.get(sent.event().event().eventId());
      if (asIntent != null) {
        intents.recordValue(Math.max(0, asIntent - sent.nanos()));
      }
    }
    return new Result(board, boardMissing, intents, probes.size());
  }

  private static void sendAtRate(
      String kafka,
      Iterator<SimulatedEvent> events,
      int eventsPerSecond,
      int seconds,
      Map<String, Sent> sent,
      String what)
      throws InterruptedException {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    long total = (long) eventsPerSecond * seconds;
    long intervalNanos = TimeUnit.SECONDS.toNanos(1) / eventsPerSecond;
    long start = System.nanoTime();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
      for (long i = 0; i < total; i++) {
        long due = start + i * intervalNanos;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        SimulatedEvent event = events.next();
        sent.put(event.event().eventId(), new Sent(event, System.nanoTime()));
        producer.send(new ProducerRecord<>(Topics.OPS_EVENTS, event.key(), event.payload()));
      }
    }
    System.out.printf("      %s: %,d events at %d/s sent%n", what, total, eventsPerSecond);
  }

  private interface Decoder {
    String idOf(byte[] bytes) throws Exception;
  }

  private static Thread reader(
      String kafka,
      String topic,
      boolean readCommitted,
      Decoder decoder,
      Map<String, Long> seen,
      AtomicBoolean reading)
      throws InterruptedException {
    AtomicBoolean positioned = new AtomicBoolean();
    Thread thread =
        new Thread(
            () -> {
              try (KafkaConsumer<String, byte[]> consumer = Consumers.open(kafka, readCommitted)) {
                List<TopicPartition> partitions =
                    consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                        .map(info -> new TopicPartition(topic, info.partition()))
                        .toList();
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                positioned.set(true);
                while (reading.get()) {
                  for (ConsumerRecord<String, byte[]> record :
                      consumer.poll(Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    try {
                      seen.putIfAbsent(decoder.idOf(record.value()), now);
                    } catch (Exception e) {
                      // Not one of ours, or not readable: the probe only times what it sent.
                    }
                  }
                }
              }
            },
            topic + "-reader");
    thread.setDaemon(true);
    thread.start();
    while (!positioned.get()) {
      Thread.sleep(50);
    }
    return thread;
  }

  private static void commitEndOffsets(String kafka, String groupId) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> end = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer = Consumers.open(kafka, false)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.OPS_EVENTS, Duration.ofSeconds(10)).stream()
              .map(info -> new TopicPartition(Topics.OPS_EVENTS, info.partition()))
              .toList();
      consumer.endOffsets(partitions).forEach((p, o) -> end.put(p, new OffsetAndMetadata(o)));
    }
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
      admin.alterConsumerGroupOffsets(groupId, end).all().get();
    }
  }

  private static void awaitRunning(JobClient job) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (job.getJobStatus().get() != JobStatus.RUNNING) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the job did not start within 60 s");
      }
      Thread.sleep(100);
    }
  }

  static String describe(String what, Histogram histogram, long missing, long sent) {
    if (histogram.getTotalCount() == 0) {
      return String.format("%s: none of %,d seen", what, sent);
    }
    return String.format(
        "%s: p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms (%,d of %,d seen%s)",
        what,
        histogram.getValueAtPercentile(50) / 1e6,
        histogram.getValueAtPercentile(90) / 1e6,
        histogram.getValueAtPercentile(99) / 1e6,
        histogram.getMaxValue() / 1e6,
        histogram.getTotalCount(),
        sent,
        missing > 0 ? ", " + missing + " missing" : "");
  }
}
