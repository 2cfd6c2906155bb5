package io.milepost.bench;

import io.milepost.schemas.Topics;
import io.milepost.simulator.SimulatedDay;
import io.milepost.simulator.SimulatedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends a simulated week's records to {@link Topics#OPS_EVENTS} in send order, as the simulator's
 * {@code --days} does, up to an instant (records after it are held back), and remembers where each
 * landed so that a consumer group's offsets can be turned back into event time.
 */
final class WeekPreload {
  private WeekPreload() {}

  /**
   * @param sent records sent, by kind
   * @param heldBack records stamped after {@code until}, not sent
   * @param lastSentAt the send time of the last record sent: the end of the input in event time
   * @param sentAtByOffset per partition, the send time of the record at each offset
   */
  record Result(
      Map<SimulatedEvent.Kind, Integer> sent,
      int heldBack,
      Instant lastSentAt,
      Map<Integer, long[]> sentAtByOffset) {

    int total() {
      return sent.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The send time of the last record before {@code offset} in {@code partition}, or null. */
    Instant reachedAt(int partition, long offset) {
      long[] times = sentAtByOffset.get(partition);
      if (times == null || offset <= 0) {
        return null;
      }
      return Instant.ofEpochMilli(times[(int) Math.min(offset, times.length) - 1]);
    }

    long endOffset(int partition) {
      long[] times = sentAtByOffset.get(partition);
      return times == null ? 0 : times.length;
    }
  }

  static SimulatedDay.Script week(PredictionOptions options) {
    return SimulatedDay.days(
        new SimulatedDay.Options(
            options.seed(),
            options.jobs(),
            3,
            1,
            options.start(),
            // As the simulator's --days numbers its jobs.
            Math.floorMod(options.seed(), 10_000) * 1_000_000L),
        options.days());
  }

  static Result run(String bootstrapServers, List<SimulatedEvent> records, Instant until) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    // One producer, idempotent, in send order: each partition holds its records in event time.
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    AtomicReference<Exception> failure = new AtomicReference<>();
    Map<SimulatedEvent.Kind, Integer> sent = new EnumMap<>(SimulatedEvent.Kind.class);
    Map<Integer, TreeMap<Long, Long>> landed = new TreeMap<>();
    int heldBack = 0;
    Instant last = null;
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
      for (SimulatedEvent record : records) {
        if (record.sentAt().isAfter(until)) {
          heldBack++;
          continue;
        }
        long sentAt = record.sentAt().toEpochMilli();
        producer.send(
            new ProducerRecord<>(Topics.OPS_EVENTS, record.key(), record.payload()),
            (metadata, error) -> {
              if (error != null) {
                failure.compareAndSet(null, error);
                return;
              }
              synchronized (landed) {
                landed
                    .computeIfAbsent(metadata.partition(), p -> new TreeMap<>())
                    .put(metadata.offset(), sentAt);
              }
            });
        sent.merge(record.kind(), 1, Integer::sum);
        last = record.sentAt();
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("preloading failed", failure.get());
    }
    Map<Integer, long[]> byOffset = new TreeMap<>();
    synchronized (landed) {
      landed.forEach(
          (partition, offsets) -> {
            List<Long> times = new ArrayList<>(offsets.values());
            if (offsets.lastKey() != times.size() - 1) {
              throw new IllegalStateException("partition " + partition + " has gaps in offsets");
            }
            byOffset.put(partition, times.stream().mapToLong(Long::longValue).toArray());
          });
    }
    return new Result(sent, heldBack, last, byOffset);
  }
}
