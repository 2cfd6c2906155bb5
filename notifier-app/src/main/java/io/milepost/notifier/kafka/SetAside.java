package io.milepost.notifier.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.milepost.schemas.DeadLetterHeaders;
import io.milepost.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.stereotype.Component;

/**
 * Where a poison record goes: its original bytes onto the topic's dead-letter topic ({@link
 * Topics#INTENTS_DLQ}, {@link Topics#BOARD_DLQ}) with the reason and source offset in the same
 * headers as {@link Topics#OPS_EVENTS_DLQ} (plus spring-kafka's {@code kafka_dlt-*} headers), and a
 * row in {@code rejected_records} that an operator can query. Counted in {@code
 * milepost.kafka.records.set.aside}. If either write fails, the error handler retries the record:
 * at worst it is set aside twice, never lost.
 */
@Component
class SetAside implements ConsumerRecordRecoverer {
  private static final Logger log = LoggerFactory.getLogger(SetAside.class);
  static final Map<String, String> DEAD_LETTER_TOPICS =
      Map.of(
          Topics.INTENTS,
          Topics.INTENTS_DLQ,
          Topics.BOARD,
          Topics.BOARD_DLQ,
          Topics.CUSTOMER_EVENTS,
          Topics.CUSTOMER_EVENTS_DLQ);

  private final RejectedRecords rejected;
  private final DeadLetterPublishingRecoverer deadLetters;
  private final MeterRegistry meters;

  SetAside(RejectedRecords rejected, KafkaTemplate<?, ?> kafka, MeterRegistry meters) {
    this.rejected = rejected;
    this.meters = meters;
    // Partition -1: the producer picks one by key, so a dead-letter topic needs no more
    // partitions than it has.
    this.deadLetters =
        new DeadLetterPublishingRecoverer(
            kafka,
            (record, failure) ->
                new TopicPartition(
                    DEAD_LETTER_TOPICS.getOrDefault(record.topic(), record.topic() + ".dlq"), -1));
    this.deadLetters.setHeadersFunction(SetAside::milepostHeaders);
  }

  @Override
  public void accept(ConsumerRecord<?, ?> record, Exception failure) {
    String reason = Failures.reason(failure);
    log.warn("set aside {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
    rejected.record(
        record.topic(),
        record.partition(),
        record.offset(),
        record.key() instanceof String key ? key : null,
        reason,
        record.value() instanceof byte[] bytes ? bytes : null);
    deadLetters.accept(record, failure);
    Counter.builder("milepost.kafka.records.set.aside")
        .description(
            "Records that fail the same way every time, set aside so the partition moves on")
        .tag("topic", record.topic())
        .register(meters)
        .increment();
  }

  private static Headers milepostHeaders(ConsumerRecord<?, ?> record, Exception failure) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(DeadLetterHeaders.REASON, bytes(Failures.reason(failure)));
    headers.add(DeadLetterHeaders.SOURCE_TOPIC, bytes(record.topic()));
    headers.add(DeadLetterHeaders.SOURCE_PARTITION, bytes(String.valueOf(record.partition())));
    headers.add(DeadLetterHeaders.SOURCE_OFFSET, bytes(String.valueOf(record.offset())));
    return headers;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
