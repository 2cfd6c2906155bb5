package io.milepost.notifier.kafka;

import io.milepost.schemas.InvalidPayloadException;
import io.milepost.schemas.WireCodec;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Records no listener could read, kept with their bytes so the partition can move on. */
@Repository
public class RejectedRecords {
  private static final Logger log = LoggerFactory.getLogger(RejectedRecords.class);

  private final JdbcClient jdbc;

  RejectedRecords(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The record's payload read with {@code codec}, or empty when it breaks the contract — then it is
   * set aside here, so one bad record never blocks its partition.
   */
  public <T> Optional<T> decodeOrSetAside(
      ConsumerRecord<String, byte[]> record, WireCodec<T> codec) {
    try {
      return Optional.of(codec.decode(record.value()));
    } catch (InvalidPayloadException e) {
      record(record, e.getMessage());
      return Optional.empty();
    }
  }

  public void record(ConsumerRecord<String, byte[]> record, String reason) {
    log.warn("rejected {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
    jdbc.sql(
            "INSERT INTO rejected_records (topic, partition, \"offset\", reason, payload)"
                + " VALUES (:topic, :partition, :offset, :reason, :payload)"
                + " ON CONFLICT (topic, partition, \"offset\") DO NOTHING")
        .param("topic", record.topic())
        .param("partition", record.partition())
        .param("offset", record.offset())
        .param("reason", reason)
        .param("payload", record.value())
        .update();
  }

  public int count(String topic) {
    return jdbc.sql("SELECT count(*) FROM rejected_records WHERE topic = :topic")
        .param("topic", topic)
        .query(Integer.class)
        .single();
  }
}
