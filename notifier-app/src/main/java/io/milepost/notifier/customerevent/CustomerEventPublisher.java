package io.milepost.notifier.customerevent;

import io.milepost.notifier.kafka.BoundedProducers;
import io.milepost.schemas.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;

/**
 * Puts recorded customer events on {@link Topics#CUSTOMER_EVENTS} and marks what Kafka
 * acknowledged. At least once: an event published twice (two instances sweeping, a crash between
 * the send and the mark) is dropped by readers by its id.
 */
@Component
class CustomerEventPublisher {
  private static final Logger log = LoggerFactory.getLogger(CustomerEventPublisher.class);
  private static final int BATCH = 200;

  private final JdbcClient jdbc;
  private final KafkaTemplate<String, byte[]> kafka;
  private final CustomerEventsProperties properties;

  CustomerEventPublisher(
      JdbcClient jdbc,
      ProducerFactory<String, byte[]> producers,
      CustomerEventsProperties properties) {
    this.jdbc = jdbc;
    // Bounded waits: a request thread that recorded an event never hangs on a Kafka that is down.
    this.kafka =
        BoundedProducers.template(
            producers, properties.publishTimeout(), "milepost-customer-events");
    this.properties = properties;
  }

  /** Publishes these events if not yet published; what fails waits for the sweep. */
  void publish(List<String> eventIds) {
    try {
      send(
          unpublished(" AND event_id = ANY(:ids)", Map.of("ids", eventIds.toArray(String[]::new))));
    } catch (RuntimeException e) {
      log.warn("customer events not published yet ({}); the sweep tries again", e.toString());
    }
  }

  /**
   * @return how many events Kafka acknowledged
   */
  int publishUnpublished() {
    return send(unpublished("", Map.of()));
  }

  /** Unpublished events, oldest first, at most a batch, narrowed by {@code where}. */
  private List<Unpublished> unpublished(String where, Map<String, Object> params) {
    return jdbc.sql(
            "SELECT event_id, record_key, payload FROM customer_events WHERE published_at IS NULL"
                + where
                + " ORDER BY created_at LIMIT "
                + BATCH)
        .params(params)
        .query(
            (row, n) ->
                new Unpublished(
                    row.getString("event_id"),
                    row.getString("record_key"),
                    row.getBytes("payload")))
        .list();
  }

  private int send(List<Unpublished> events) {
    int sent = 0;
    for (Unpublished event : events) {
      try {
        kafka
            .send(Topics.CUSTOMER_EVENTS, event.key(), event.payload())
            .get(2 * properties.publishTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return sent;
      } catch (ExecutionException | TimeoutException e) {
        log.warn("customer event {} not on Kafka yet: {}", event.id(), e.toString());
        return sent; // keep their order: the rest wait for the next try
      }
      jdbc.sql("UPDATE customer_events SET published_at = now() WHERE event_id = :id")
          .param("id", event.id())
          .update();
      sent++;
    }
    return sent;
  }

  private record Unpublished(String id, String key, byte[] payload) {}
}
