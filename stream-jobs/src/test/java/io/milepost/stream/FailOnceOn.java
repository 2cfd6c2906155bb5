package io.milepost.stream;

import io.milepost.schemas.Topics;
import io.milepost.stream.ingest.RawEvent;
import io.milepost.stream.ingest.RawEventDeserializer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads records as the job does, but fails the first time it meets the given value, once an open
 * transaction holds intents on the broker (or 30 s passed): until then, the read_committed end of
 * the intents topic (its last stable offset) stays below the read_uncommitted one.
 */
final class FailOnceOn implements KafkaRecordDeserializationSchema<RawEvent> {
  /** Static: the MiniCluster runs in this JVM, and the flags must survive the restart. */
  static final AtomicBoolean FAILED = new AtomicBoolean();

  static final AtomicBoolean TRANSACTION_OPEN_AT_FAILURE = new AtomicBoolean();

  static void reset() {
    FAILED.set(false);
    TRANSACTION_OPEN_AT_FAILURE.set(false);
  }

  private final byte[] trigger;
  private final String bootstrapServers;
  private final RawEventDeserializer delegate = new RawEventDeserializer();

  FailOnceOn(byte[] trigger, String bootstrapServers) {
    this.trigger = trigger;
    this.bootstrapServers = bootstrapServers;
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawEvent> out)
      throws IOException {
    if (Arrays.equals(record.value(), trigger) && !FAILED.get()) {
      // Blocking here also holds back any checkpoint, so the transaction stays open.
      TRANSACTION_OPEN_AT_FAILURE.set(awaitOpenTransaction(Duration.ofSeconds(30)));
      FAILED.set(true);
      throw new IOException("injected failure with intents in an open transaction");
    }
    delegate.deserialize(record, out);
  }

  private boolean awaitOpenTransaction(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    try (KafkaConsumer<byte[], byte[]> committed = consumer("read_committed");
        KafkaConsumer<byte[], byte[]> uncommitted = consumer("read_uncommitted")) {
      List<TopicPartition> partitions =
          committed.partitionsFor(Topics.INTENTS).stream()
              .map(info -> new TopicPartition(Topics.INTENTS, info.partition()))
              .toList();
      while (Instant.now().isBefore(deadline)) {
        Map<TopicPartition, Long> stable = committed.endOffsets(partitions);
        Map<TopicPartition, Long> high = uncommitted.endOffsets(partitions);
        if (partitions.stream().anyMatch(p -> stable.get(p) < high.get(p))) {
          return true;
        }
        Thread.sleep(50);
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private KafkaConsumer<byte[], byte[]> consumer(String isolationLevel) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            isolationLevel),
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  @Override
  public TypeInformation<RawEvent> getProducedType() {
    return delegate.getProducedType();
  }
}
