package io.milepost.bench;

import io.milepost.schemas.BoardUpdate;
import io.milepost.schemas.Intent;
import io.milepost.schemas.Topics;
import io.milepost.schemas.WireCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * What the job wrote, as its readers see it: the committed intents ({@code read_committed}, as the
 * notifier reads them; one per intent id) and every board update (at least once).
 */
record JobOutputs(List<Intent> intents, List<BoardUpdate> boardUpdates) {

  static JobOutputs read(String bootstrapServers) throws Exception {
    Map<String, Intent> intents = new LinkedHashMap<>();
    for (byte[] bytes : all(bootstrapServers, Topics.INTENTS, true)) {
      Intent intent = WireCodec.INTENT.decode(bytes);
      intents.putIfAbsent(intent.intentId(), intent);
    }
    List<BoardUpdate> board = new ArrayList<>();
    for (byte[] bytes : all(bootstrapServers, Topics.BOARD, false)) {
      board.add(WireCodec.BOARD_UPDATE.decode(bytes));
    }
    return new JobOutputs(List.copyOf(intents.values()), List.copyOf(board));
  }

  private static List<byte[]> all(String bootstrapServers, String topic, boolean readCommitted) {
    List<byte[]> values = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = Consumers.open(bootstrapServers, readCommitted)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
    }
    return values;
  }
}
