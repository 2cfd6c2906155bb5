package io.milepost.notifier.ingest;

import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.Topics;
import io.milepost.schemas.WireCodec;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends accepted events to {@link Topics#OPS_EVENTS}, keyed by job so a job's events stay in order,
 * through the idempotent producer (acks=all), and waits until Kafka has them all.
 */
@Component
class EventPublisher {
  private final KafkaTemplate<String, byte[]> kafka;
  private final IngestProperties properties;

  EventPublisher(KafkaTemplate<String, byte[]> kafka, IngestProperties properties) {
    this.kafka = kafka;
    this.properties = properties;
  }

  void publish(List<OpsEvent> events) {
    CompletableFuture<?>[] acks =
        events.stream()
            .map(
                event ->
                    kafka.send(Topics.OPS_EVENTS, event.key(), WireCodec.OPS_EVENT.encode(event)))
            .toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(acks).get(properties.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishFailedException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new PublishFailedException(e);
    }
  }

  /** Some events may have reached Kafka; resending is safe, event ids make duplicates harmless. */
  static class PublishFailedException extends RuntimeException {
    PublishFailedException(Throwable cause) {
      super("Kafka did not acknowledge every event", cause);
    }
  }
}
