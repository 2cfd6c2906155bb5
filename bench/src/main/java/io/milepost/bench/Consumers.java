package io.milepost.bench;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The one way the bench reads a topic: manual offsets, no group commits, bytes in. */
final class Consumers {
  private Consumers() {}

  /**
   * @param readCommitted true for transactional topics (intents): only committed records, as the
   *     notifier reads them
   */
  static KafkaConsumer<String, byte[]> open(String bootstrapServers, boolean readCommitted) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
        readCommitted ? "read_committed" : "read_uncommitted");
    // Same fetch sizing as Flink's Kafka source defaults, so neither side is starved by config.
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
    return new KafkaConsumer<>(props);
  }
}
