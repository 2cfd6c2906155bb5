package io.milepost.notifier.kafka;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Records set aside so their partition could move on, kept with their bytes and reason where an
 * operator can query them (the same records also go to the dead-letter topics; see {@link
 * SetAside}).
 */
@Repository
class RejectedRecords {
  private final JdbcClient jdbc;

  RejectedRecords(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Idempotent: a record set aside twice (a retried recovery) keeps one row. */
  void record(String topic, int partition, long offset, String key, String reason, byte[] payload) {
    jdbc.sql(
            "INSERT INTO rejected_records"
                + " (topic, partition, \"offset\", reason, payload, tenant_id, record_key)"
                + " VALUES (:topic, :partition, :offset, :reason, :payload, :tenant, :key)"
                + " ON CONFLICT (topic, partition, \"offset\") DO NOTHING")
        .param("topic", topic)
        .param("partition", partition)
        .param("offset", offset)
        .param("reason", reason)
        .param("payload", payload)
        // Whose it is, so the ops console shows it to that tenant's operators only.
        .param("tenant", RecordTenant.of(topic, key, payload))
        .param("key", key == null ? null : Failures.clean(key, 500))
        .update();
  }
}
