package io.milepost.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Counts what a topic holds, as its readers see it: evidence that the job did all the work. */
final class TopicCounts {
  private TopicCounts() {}

  /**
   * @param readCommitted true for transactional topics: counts committed records only, not
   *     transaction markers or aborted records
   */
  static long count(String bootstrapServers, String topic, boolean readCommitted) {
    long count = 0;
    try (KafkaConsumer<String, byte[]> consumer = Consumers.open(bootstrapServers, readCommitted)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        count += consumer.poll(Duration.ofMillis(200)).count();
      }
    }
    return count;
  }
}
