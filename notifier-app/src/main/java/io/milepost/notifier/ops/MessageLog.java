package io.milepost.notifier.ops;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tenant's texts as the message log shows them, newest first, filtered and paged. */
@Repository
class MessageLog {
  /**
   * What to show; a null or blank field does not filter.
   *
   * @param phone the customer's number as stored (E.164)
   */
  record Filter(String status, Integer errorCode, String jobId, String phone) {}

  record Message(
      long id,
      String jobId,
      String phone,
      String body,
      String status,
      Integer errorCode,
      String errorMessage,
      int attempts,
      Instant createdAt,
      Instant sentAt) {}

  private final JdbcClient jdbc;

  MessageLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One page of {@code size}, plus one more row when a next page exists. */
  List<Message> page(String tenantId, Filter filter, int page, int size) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT id, job_id, to_address, body, status, error_code, error_message, attempts,"
                + " created_at, sent_at FROM notifications WHERE tenant_id = :tenant");
    Map<String, Object> params = new TreeMap<>();
    params.put("tenant", tenantId);
    if (present(filter.status())) {
      sql.append(" AND status = :status");
      params.put("status", filter.status());
    }
    if (filter.errorCode() != null) {
      sql.append(" AND error_code = :errorCode");
      params.put("errorCode", filter.errorCode());
    }
    if (present(filter.jobId())) {
      sql.append(" AND job_id = :job");
      params.put("job", filter.jobId().strip());
    }
    if (present(filter.phone())) {
      sql.append(" AND to_address = :phone");
      params.put("phone", filter.phone().strip());
    }
    sql.append(" ORDER BY id DESC LIMIT :limit OFFSET :offset");
    params.put("limit", size + 1);
    params.put("offset", page * size);
    return new ArrayList<>(
        jdbc.sql(sql.toString())
            .params(params)
            .query(
                (row, n) ->
                    new Message(
                        row.getLong("id"),
                        row.getString("job_id"),
                        row.getString("to_address"),
                        row.getString("body"),
                        row.getString("status"),
                        row.getObject("error_code") == null ? null : row.getInt("error_code"),
                        row.getString("error_message"),
                        row.getInt("attempts"),
                        row.getTimestamp("created_at").toInstant(),
                        row.getTimestamp("sent_at") == null
                            ? null
                            : row.getTimestamp("sent_at").toInstant()))
            .list());
  }

  private static boolean present(String text) {
    return text != null && !text.isBlank();
  }
}
