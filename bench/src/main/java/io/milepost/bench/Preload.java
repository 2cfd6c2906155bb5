package io.milepost.bench;

import io.milepost.schemas.Topics;
import io.milepost.simulator.BulkEvents;
import io.milepost.simulator.SimulatedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Fills {@link Topics#OPS_EVENTS} with realistic events from the simulator, streamed (never all in
 * memory) and batched as a busy producer would.
 */
final class Preload {
  private Preload() {}

  static Measurement run(String bootstrapServers, BenchOptions options) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    // Event time only has to be realistic relative to itself, but not in the future: the job
    // dead-letters events stamped ahead of its clock. Found before the clock starts.
    Instant start = BulkEvents.startEndingBy(options.seed(), options.events(), Instant.now());
    AtomicReference<Exception> failure = new AtomicReference<>();
    long started = System.nanoTime();
    long sent = 0;
    long step = Math.max(options.events() / 10, 1);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
      Iterator<SimulatedEvent> events =
          BulkEvents.stream(options.seed(), start).limit(options.events()).iterator();
      while (events.hasNext() && failure.get() == null) {
        SimulatedEvent event = events.next();
        producer.send(
            new ProducerRecord<>(Topics.OPS_EVENTS, event.key(), event.payload()),
            (metadata, error) -> {
              if (error != null) {
                failure.compareAndSet(null, error);
              }
            });
        if (++sent % step == 0) {
          System.out.printf(
              "      preloaded %,d / %,d (%,.0f events/s)%n",
              sent, options.events(), sent / ((System.nanoTime() - started) / 1e9));
        }
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("preloading failed", failure.get());
    }
    return new Measurement(
        "preload (simulator bulk stream → Kafka, acks=all)",
        sent,
        Duration.ofNanos(System.nanoTime() - started));
  }
}
