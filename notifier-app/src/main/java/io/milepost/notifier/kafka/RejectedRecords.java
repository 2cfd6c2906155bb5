package io.milepost.notifier.kafka;

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
