package io.milepost.notifier.ops;

import io.milepost.notifier.kafka.Failures;
import io.milepost.notifier.kafka.RecordBatches;
import io.milepost.notifier.kafka.RecordTenant;
import io.milepost.schemas.DeadLetterHeaders;
import io.milepost.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The stream job's dead letters ({@code milepost.ops-events.dlq}: events and rules it could not
 * read) into {@code dead_letters}, with the reason and origin from their headers and the tenant
 * where the record names one ({@link RecordTenant}). Every record is storable: its bytes are kept
 * as they are and its texts made safe first.
 */
@Component
class DeadLetterListener {
  private final DeadLetters deadLetters;
  private final RecordBatches batches;

  DeadLetterListener(DeadLetters deadLetters, RecordBatches batches) {
    this.deadLetters = deadLetters;
    this.batches = batches;
  }

  @KafkaListener(
      id = "milepost-dead-letters",
      topics = Topics.OPS_EVENTS_DLQ,
      groupId = "${milepost.kafka.dead-letters-group-id:milepost-notifier-dead-letters}",
      concurrency = "${milepost.kafka.concurrency:2}",
      batch = "true",
      properties = "isolation.level=read_committed")
  void onDeadLetters(List<ConsumerRecord<String, byte[]>> records) {
    batches.processRecords(records, DeadLetterListener::read, deadLetters::storeAll, nothing -> {});
  }

  static DeadLetters.Letter read(ConsumerRecord<String, byte[]> record) {
    String sourceTopic = header(record, DeadLetterHeaders.SOURCE_TOPIC);
    String reason = header(record, DeadLetterHeaders.REASON);
    return new DeadLetters.Letter(
        record.topic(),
        record.partition(),
        record.offset(),
        RecordTenant.of(sourceTopic, record.key(), record.value()),
        sourceTopic == null ? null : Failures.clean(sourceTopic, 200),
        number(header(record, DeadLetterHeaders.SOURCE_PARTITION)),
        number(header(record, DeadLetterHeaders.SOURCE_OFFSET)),
        reason == null ? "" : Failures.clean(reason, 2000),
        clean(header(record, DeadLetterHeaders.FIELD)),
        clean(record.key()),
        record.value(),
        record.timestamp() > 0 ? Instant.ofEpochMilli(record.timestamp()) : Instant.now());
  }

  private static String clean(String text) {
    return text == null ? null : Failures.clean(text, 500);
  }

  private static Long number(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }
}
