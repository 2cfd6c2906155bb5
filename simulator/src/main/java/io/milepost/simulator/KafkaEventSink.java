package io.milepost.simulator;

import io.milepost.schemas.Topics;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Produces to {@link Topics#OPS_EVENTS} keyed by job, as a dealer system or scanner would. */
final class KafkaEventSink implements EventSink {
  private final KafkaProducer<String, byte[]> producer;
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

  KafkaEventSink(String bootstrapServers) {
    this.producer = new KafkaProducer<>(properties(bootstrapServers, 5));
  }

  /** Producer settings for durable, ordered-per-key delivery; {@code lingerMs} trades latency. */
  static Properties properties(String bootstrapServers, int lingerMs) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(lingerMs));
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "milepost-simulator");
    return props;
  }

  @Override
  public String send(SimulatedEvent event) throws DeliveryException {
    try {
      RecordMetadata metadata =
          producer
              .send(new ProducerRecord<>(Topics.OPS_EVENTS, event.key(), event.payload()))
              .get();
      return "p" + metadata.partition() + "@" + metadata.offset();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException("interrupted while sending", e);
    } catch (ExecutionException e) {
      throw new DeliveryException(
          "Kafka refused the record: " + e.getCause().getMessage(), e.getCause());
    }
  }

  @Override
  public void sendWithoutWaiting(SimulatedEvent event) throws DeliveryException {
    throwFirstFailure();
    producer.send(
        new ProducerRecord<>(Topics.OPS_EVENTS, event.key(), event.payload()),
        (metadata, error) -> {
          if (error != null) {
            firstFailure.compareAndSet(null, error);
          }
        });
  }

  @Override
  public void flush() throws DeliveryException {
    producer.flush();
    throwFirstFailure();
  }

  private void throwFirstFailure() throws DeliveryException {
    Exception failure = firstFailure.get();
    if (failure != null) {
      throw new DeliveryException("Kafka refused a record: " + failure.getMessage(), failure);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
