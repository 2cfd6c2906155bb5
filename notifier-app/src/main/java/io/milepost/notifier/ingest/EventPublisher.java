package io.milepost.notifier.ingest;

import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.Topics;
import io.milepost.schemas.WireCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends accepted events to {@link Topics#OPS_EVENTS}, keyed by job so a job's events stay in order,
 * through the idempotent producer (acks=all), and waits until Kafka has them all — but never longer
 * than {@link IngestProperties#ackTimeout()}: a request thread is not Kafka's to keep.
 */
@Component
class EventPublisher implements DisposableBean {
  private final KafkaTemplate<String, byte[]> kafka;
  private final IngestProperties properties;

  EventPublisher(ProducerFactory<String, byte[]> producers, IngestProperties properties) {
    // A producer of its own, from the application's settings: by default a send waits up to 60 s
    // (max.block.ms) for the topic's metadata while Kafka is unreachable, per send. Bounding it
    // here, not in spring.kafka.producer, leaves every other producer of the app as configured.
    this.kafka =
        new KafkaTemplate<>(
            producers,
            Map.of(
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                properties.ackTimeout().toMillis(),
                ProducerConfig.CLIENT_ID_CONFIG,
                "milepost-ingest"));
    // Kafka's default listener logs each failed record with its key and payload; the request's
    // one 503 is logged by ApiProblems, without either.
    this.kafka.setProducerListener(null);
    this.properties = properties;
  }

  void publish(List<OpsEvent> events) {
    long deadline = System.nanoTime() + properties.ackTimeout().toNanos();
    List<CompletableFuture<?>> acks = new ArrayList<>(events.size());
    try {
      for (OpsEvent event : events) {
        if (System.nanoTime() - deadline > 0) {
          throw new TimeoutException("ack timeout passed while sending");
        }
        CompletableFuture<?> ack =
            kafka.send(Topics.OPS_EVENTS, event.key(), WireCodec.OPS_EVENT.encode(event));
        // No metadata within max.block.ms fails the send at once: the next sends would each wait
        // as long again, so stop here.
        if (ack.isCompletedExceptionally()) {
          ack.get();
        }
        acks.add(ack);
      }
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
          .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishFailedException(e);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      throw new PublishFailedException(e);
    }
  }

  @Override
  public void destroy() {
    // The template built the producer factory from the overrides, so it closes it too.
    kafka.destroy();
  }

  /** Some events may have reached Kafka; resending is safe, event ids make duplicates harmless. */
  static class PublishFailedException extends RuntimeException {
    PublishFailedException(Throwable cause) {
      super("Kafka did not acknowledge every event", cause);
    }
  }
}
