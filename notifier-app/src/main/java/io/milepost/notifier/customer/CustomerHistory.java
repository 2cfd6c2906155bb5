package io.milepost.notifier.customer;

import io.milepost.notifier.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A customer's history at one tenant: their jobs at every location, the texts sent to their number
 * with each status change, their replies and scores. Every query is bound to the tenant.
 */
@Repository
class CustomerHistory {
  private final JdbcClient jdbc;

  CustomerHistory(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  record JobEntry(
      String jobId,
      long instance,
      String locationId,
      String journey,
      String stage,
      String trackingToken,
      Instant createdAt,
      Instant updatedAt,
      Instant closedAt) {}

  record StatusEntry(String status, Integer errorCode, String source, Instant recordedAt) {}

  record MessageEntry(
      long id,
      String jobId,
      long instance,
      String channel,
      String body,
      String status,
      Integer errorCode,
      String errorMessage,
      Instant createdAt,
      Instant sentAt,
      List<StatusEntry> statusHistory) {}

  record ReplyEntry(
      long id, String jobId, Long instance, String kind, String body, Instant receivedAt) {}

  record ScoreEntry(long id, String jobId, Long instance, int score, Instant recordedAt) {}

  /** The job instances whose contact is this customer, newest first. */
  List<JobEntry> jobs(String tenantId, long customerId, int limit) {
    return jdbc.sql(
            "SELECT j.job_id, j.instance, j.location_id, j.journey, j.stage, j.tracking_token,"
                + " j.created_at, j.updated_at, j.closed_at FROM contacts c JOIN jobs j ON"
                + " j.tenant_id = c.tenant_id AND j.job_id = c.job_id AND j.instance = c.instance"
                + " WHERE c.tenant_id = :tenant AND c.customer_id = :customer"
                + " ORDER BY j.created_at DESC, j.job_id, j.instance DESC LIMIT :limit")
        .param("tenant", tenantId)
        .param("customer", customerId)
        .param("limit", limit)
        .query(
            (row, n) ->
                new JobEntry(
                    row.getString("job_id"),
                    row.getLong("instance"),
                    row.getString("location_id"),
                    row.getString("journey"),
                    row.getString("stage"),
                    row.getString("tracking_token"),
                    Timestamps.read(row, "created_at"),
                    Timestamps.read(row, "updated_at"),
                    Timestamps.read(row, "closed_at")))
        .list();
  }

  /** The texts written for this number at this tenant, newest first, with their status history. */
  List<MessageEntry> messages(String tenantId, String phone, int limit) {
    Map<Long, List<StatusEntry>> history = new LinkedHashMap<>();
    List<Object[]> rows =
        jdbc.sql(
                "SELECT id, job_id, instance, channel, body, status, error_code, error_message,"
                    + " created_at, sent_at FROM notifications WHERE tenant_id = :tenant AND"
                    + " to_address = :phone ORDER BY id DESC LIMIT :limit")
            .param("tenant", tenantId)
            .param("phone", phone)
            .param("limit", limit)
            .query(
                (row, n) ->
                    new Object[] {
                      row.getLong("id"),
                      row.getString("job_id"),
                      row.getLong("instance"),
                      row.getString("channel"),
                      row.getString("body"),
                      row.getString("status"),
                      row.getObject("error_code", Integer.class),
                      row.getString("error_message"),
                      Timestamps.read(row, "created_at"),
                      Timestamps.read(row, "sent_at")
                    })
            .list();
    if (rows.isEmpty()) {
      return List.of();
    }
    rows.forEach(row -> history.put((Long) row[0], new ArrayList<>()));
    jdbc.sql(
            "SELECT notification_id, status, error_code, source, recorded_at FROM"
                + " notification_status_history WHERE notification_id = ANY(CAST(? AS bigint[]))"
                + " ORDER BY id")
        .params((Object) history.keySet().toArray(Long[]::new))
        .query(
            (row, n) ->
                history
                    .get(row.getLong("notification_id"))
                    .add(
                        new StatusEntry(
                            row.getString("status"),
                            row.getObject("error_code", Integer.class),
                            row.getString("source"),
                            Timestamps.read(row, "recorded_at"))))
        .list();
    return rows.stream()
        .map(
            row ->
                new MessageEntry(
                    (Long) row[0],
                    (String) row[1],
                    (Long) row[2],
                    (String) row[3],
                    (String) row[4],
                    (String) row[5],
                    (Integer) row[6],
                    (String) row[7],
                    (Instant) row[8],
                    (Instant) row[9],
                    List.copyOf(history.get((Long) row[0]))))
        .toList();
  }

  /** What the customer answered, newest first (written by inbound SMS handling). */
  List<ReplyEntry> replies(String tenantId, long customerId, int limit) {
    return jdbc.sql(
            "SELECT id, job_id, instance, kind, body, received_at FROM customer_replies WHERE"
                + " tenant_id = :tenant AND customer_id = :customer ORDER BY received_at DESC, id"
                + " DESC LIMIT :limit")
        .param("tenant", tenantId)
        .param("customer", customerId)
        .param("limit", limit)
        .query(
            (row, n) ->
                new ReplyEntry(
                    row.getLong("id"),
                    row.getString("job_id"),
                    row.getObject("instance", Long.class),
                    row.getString("kind"),
                    row.getString("body"),
                    Timestamps.read(row, "received_at")))
        .list();
  }

  /** The customer's satisfaction scores, newest first. */
  List<ScoreEntry> scores(String tenantId, long customerId, int limit) {
    return jdbc.sql(
            "SELECT id, job_id, instance, score, recorded_at FROM customer_scores WHERE tenant_id"
                + " = :tenant AND customer_id = :customer ORDER BY recorded_at DESC, id DESC"
                + " LIMIT :limit")
        .param("tenant", tenantId)
        .param("customer", customerId)
        .param("limit", limit)
        .query(
            (row, n) ->
                new ScoreEntry(
                    row.getLong("id"),
                    row.getString("job_id"),
                    row.getObject("instance", Long.class),
                    row.getInt("score"),
                    Timestamps.read(row, "recorded_at")))
        .list();
  }
}
