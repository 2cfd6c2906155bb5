package io.milepost.notifier.ops;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records set aside, as the console shows them: the stream job's dead letters ({@code
 * dead_letters}) and the notifier's own ({@code rejected_records}), of one tenant only. A record
 * that names no tenant is shown to no one; only how many there are is told.
 */
@Repository
class DeadLetters {
  /** A dead letter as read from milepost.ops-events.dlq. */
  record Letter(
      String topic,
      int partition,
      long offset,
      String tenantId,
      String sourceTopic,
      Long sourcePartition,
      Long sourceOffset,
      String reason,
      String field,
      String key,
      byte[] payload,
      Instant deadAt) {}

  /**
   * One record set aside, for the console.
   *
   * @param setAsideBy "stream" (the stream job's validation) or "notifier"
   */
  record Entry(
      String setAsideBy,
      String sourceTopic,
      Long sourcePartition,
      Long sourceOffset,
      String reason,
      String field,
      String key,
      byte[] payload,
      Instant at) {}

  private final JdbcClient jdbc;

  DeadLetters(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Idempotent: a dead letter read twice keeps one row. */
  @Transactional(propagation = Propagation.MANDATORY)
  Void storeAll(List<Letter> letters) {
    for (Letter letter : letters) {
      jdbc.sql(
              "INSERT INTO dead_letters (topic, partition, \"offset\", tenant_id, source_topic,"
                  + " source_partition, source_offset, reason, field, record_key, payload, dead_at)"
                  + " VALUES (:topic, :partition, :offset, :tenant, :sourceTopic,"
                  + " :sourcePartition, :sourceOffset, :reason, :field, :key, :payload, :at)"
                  + " ON CONFLICT (topic, partition, \"offset\") DO NOTHING")
          .param("topic", letter.topic())
          .param("partition", letter.partition())
          .param("offset", letter.offset())
          .param("tenant", letter.tenantId())
          .param("sourceTopic", letter.sourceTopic())
          .param(
              "sourcePartition",
              letter.sourcePartition() == null ? null : letter.sourcePartition().intValue())
          .param("sourceOffset", letter.sourceOffset())
          .param("reason", letter.reason())
          .param("field", letter.field())
          .param("key", letter.key())
          .param("payload", letter.payload())
          .param("at", Timestamp.from(letter.deadAt()))
          .update();
    }
    return null;
  }

  /** The tenant's records set aside, newest first, one page. */
  List<Entry> page(String tenantId, int page, int size) {
    return jdbc.sql(
            "SELECT * FROM ("
                + " SELECT 'stream' AS by, source_topic, source_partition, source_offset, reason,"
                + " field, record_key, payload, dead_at AS at FROM dead_letters"
                + " WHERE tenant_id = :tenant"
                + " UNION ALL"
                + " SELECT 'notifier', topic, partition, \"offset\", reason, NULL, record_key,"
                + " payload, received_at FROM rejected_records WHERE tenant_id = :tenant"
                + ") AS set_aside ORDER BY at DESC, source_topic, source_offset DESC"
                + " LIMIT :limit OFFSET :offset")
        .param("tenant", tenantId)
        .param("limit", size + 1)
        .param("offset", page * size)
        .query(
            (row, n) ->
                new Entry(
                    row.getString("by"),
                    row.getString("source_topic"),
                    row.getObject("source_partition") == null
                        ? null
                        : row.getLong("source_partition"),
                    row.getObject("source_offset") == null ? null : row.getLong("source_offset"),
                    row.getString("reason"),
                    row.getString("field"),
                    row.getString("record_key"),
                    row.getBytes("payload"),
                    row.getTimestamp("at").toInstant()))
        .list();
  }

  /** Records set aside that name no tenant: shown to no one, only counted. */
  long unattributed() {
    return jdbc.sql(
            "SELECT (SELECT COUNT(*) FROM dead_letters WHERE tenant_id IS NULL)"
                + " + (SELECT COUNT(*) FROM rejected_records WHERE tenant_id IS NULL)")
        .query(Long.class)
        .single();
  }
}
