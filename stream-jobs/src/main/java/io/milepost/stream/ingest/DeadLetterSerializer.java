package io.milepost.stream.ingest;

import io.milepost.schemas.DeadLetterHeaders;
import io.milepost.schemas.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Writes a dead letter as its original key and value, with the reason and source as headers. */
public class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {
  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      DeadLetter letter, KafkaSinkContext context, Long timestamp) {
    RecordHeaders headers = new RecordHeaders();
    add(headers, DeadLetterHeaders.REASON, letter.reason());
    add(headers, DeadLetterHeaders.FIELD, letter.field());
    add(headers, DeadLetterHeaders.SOURCE_TOPIC, letter.sourceTopic());
    add(headers, DeadLetterHeaders.SOURCE_PARTITION, String.valueOf(letter.sourcePartition()));
    add(headers, DeadLetterHeaders.SOURCE_OFFSET, String.valueOf(letter.sourceOffset()));
    return new ProducerRecord<>(
        Topics.OPS_EVENTS_DLQ, null, null, letter.key(), letter.value(), headers);
  }

  private static void add(RecordHeaders headers, String name, String value) {
    if (value != null) {
      headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
  }
}
