package io.milepost.notifier.kafka;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * A producer of its own for a publisher that must know, within a bound, whether Kafka has a record:
 * every wait (metadata, the request, delivery) ends within {@code timeout}, so when a send's future
 * completes, the record is on Kafka or never will be, and a thread that published never hangs on a
 * Kafka that is down.
 */
public final class BoundedProducers {
  private BoundedProducers() {}

  public static KafkaTemplate<String, byte[]> template(
      ProducerFactory<String, byte[]> producers, Duration timeout, String clientId) {
    long millis = timeout.toMillis();
    KafkaTemplate<String, byte[]> kafka =
        new KafkaTemplate<>(
            producers,
            Map.of(
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                millis,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) millis,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                (int) millis,
                // Kafka requires delivery.timeout >= linger + request.timeout.
                ProducerConfig.LINGER_MS_CONFIG,
                0,
                ProducerConfig.CLIENT_ID_CONFIG,
                clientId));
    kafka.setProducerListener(null);
    return kafka;
  }
}
