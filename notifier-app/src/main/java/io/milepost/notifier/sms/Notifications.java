package io.milepost.notifier.sms;

import io.milepost.notifier.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The SMS outbox and its status history. Rows are claimed (PENDING to SENDING) in short
 * transactions with {@code FOR UPDATE SKIP LOCKED}, so several instances never send one row twice.
 */
@Repository
public class Notifications {
  static final String CHANNEL_SMS = "SMS";
  private static final String COLUMNS =
      "id, intent_id, tenant_id, job_id, to_address, body, status, twilio_sid, error_code,"
          + " error_message, attempts, created_at, first_attempt_at";

  private final JdbcClient jdbc;

  Notifications(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Adds an SMS to the outbox; call inside the transaction that records its intent. */
  public long add(
      String intentId,
      String tenantId,
      String jobId,
      long instance,
      String to,
      String body,
      NotificationStatus status,
      String reason) {
    long id =
        jdbc.sql(
                "INSERT INTO notifications (intent_id, tenant_id, job_id, instance, channel,"
                    + " to_address, body, status, error_message) VALUES (:intent, :tenant, :job,"
                    + " :instance, :channel, :to, :body, :status, :reason) RETURNING id")
            .param("intent", intentId)
            .param("tenant", tenantId)
            .param("job", jobId)
            .param("instance", instance)
            .param("channel", CHANNEL_SMS)
            .param("to", to)
            .param("body", body)
            .param("status", status.name())
            .param("reason", reason)
            .query(Long.class)
            .single();
    history(id, status, null, "intent");
    return id;
  }

  /**
   * Whether the job instance already has an SMS that went out or will: only the first carries the
   * link.
   */
  public boolean jobHasLiveSms(String tenantId, String jobId, long instance) {
    return jdbc.sql(
            "SELECT EXISTS (SELECT 1 FROM notifications WHERE tenant_id = :tenant AND job_id ="
                + " :job AND instance = :instance AND channel = :channel AND status NOT IN"
                + " ('SKIPPED', 'FAILED', 'UNDELIVERED'))")
        .param("tenant", tenantId)
        .param("job", jobId)
        .param("instance", instance)
        .param("channel", CHANNEL_SMS)
        .query(Boolean.class)
        .single();
  }

  /**
   * Claims one PENDING row for sending, or nothing if someone else has it or it is not due. The
   * first claim records when the row was first handed to Twilio: reconciliation searches from
   * there.
   */
  @Transactional
  public Optional<Notification> claim(long id) {
    return jdbc.sql(
            "UPDATE notifications SET status = 'SENDING', attempts = attempts + 1,"
                + " first_attempt_at = COALESCE(first_attempt_at, now()), updated_at = now()"
                + " WHERE id = :id AND status = 'PENDING' AND next_attempt_at <= now()"
                + WAITS_FOR_NOBODY
                + " RETURNING "
                + COLUMNS)
        .param("id", id)
        .query(Notifications::map)
        .optional();
  }

  /**
   * A job's texts leave in the order they were written: with several sender threads, "checked in"
   * (the text with the link) could otherwise reach Twilio after "diagnosing". A row waits while an
   * earlier text of its job is still PENDING or SENDING; {@link #nextOfJob} wakes it afterwards.
   */
  private static final String WAITS_FOR_NOBODY =
      " AND NOT EXISTS (SELECT 1 FROM notifications earlier WHERE earlier.tenant_id ="
          + " notifications.tenant_id AND earlier.job_id = notifications.job_id AND"
          + " earlier.channel = notifications.channel AND earlier.id < notifications.id AND"
          + " earlier.status IN ('PENDING', 'SENDING'))";

  /** The job's next text waiting to go, if any: to be dispatched once the one before it is done. */
  Optional<Long> nextOfJob(Notification done) {
    return jdbc.sql(
            "SELECT id FROM notifications WHERE tenant_id = :tenant AND job_id = :job AND channel ="
                + " :channel AND id > :id AND status = 'PENDING' ORDER BY id LIMIT 1")
        .param("tenant", done.tenantId())
        .param("job", done.jobId())
        .param("channel", CHANNEL_SMS)
        .param("id", done.id())
        .query(Long.class)
        .optional();
  }

  /** Ids of PENDING rows that are due, oldest first; each is claimed by {@link #claim(long)}. */
  List<Long> dueIds(int limit) {
    return jdbc.sql(
            "SELECT id FROM notifications WHERE status = 'PENDING' AND next_attempt_at <= now()"
                + " ORDER BY id LIMIT :limit")
        .param("limit", limit)
        .query(Long.class)
        .list();
  }

  /**
   * Claims rows stuck in SENDING for longer than {@code age}: the sender died or lost its answer.
   * Touching updated_at is the lease: another sweep leaves them alone for {@code age} again.
   */
  @Transactional
  public List<Notification> claimStuck(Duration age, int limit) {
    return jdbc.sql(
            "UPDATE notifications SET attempts = attempts + 1, updated_at = now() WHERE id IN"
                + " (SELECT id FROM notifications WHERE status = 'SENDING' AND updated_at <"
                + " now() - make_interval(secs => :seconds) ORDER BY id LIMIT :limit FOR UPDATE"
                + " SKIP LOCKED) RETURNING "
                + COLUMNS)
        .param("seconds", age.toMillis() / 1000.0)
        .param("limit", limit)
        .query(Notifications::map)
        .list();
  }

  /**
   * Renews the lease on a row claimed by {@link #claimStuck}, if it is still ours: the attempt
   * count it was claimed with is the fencing token. False when another sweep (here or on another
   * instance) has claimed it since, or a callback moved it on.
   */
  boolean renewLease(Notification claimed) {
    return jdbc.sql(
                "UPDATE notifications SET updated_at = now() WHERE id = :id AND status = 'SENDING'"
                    + " AND attempts = :attempts")
            .param("id", claimed.id())
            .param("attempts", claimed.attempts())
            .update()
        == 1;
  }

  /** Which of these Twilio SIDs some row other than {@code id} already holds. */
  Set<String> sidsHeldByOthers(Collection<String> sids, long id) {
    if (sids.isEmpty()) {
      return Set.of();
    }
    return Set.copyOf(
        jdbc.sql("SELECT twilio_sid FROM notifications WHERE twilio_sid IN (:sids) AND id <> :id")
            .param("sids", sids)
            .param("id", id)
            .query(String.class)
            .list());
  }

  /** Rows per status, and the creation of the oldest, for the outbox gauges. */
  List<StatusCount> countByStatus() {
    return jdbc.sql(
            "SELECT status, count(*) AS n, min(created_at) AS oldest FROM notifications"
                + " GROUP BY status")
        .query(
            (row, n) ->
                new StatusCount(
                    NotificationStatus.valueOf(row.getString("status")),
                    row.getLong("n"),
                    Timestamps.read(row, "oldest")))
        .list();
  }

  record StatusCount(NotificationStatus status, long rows, Instant oldestCreatedAt) {}

  /** Twilio took the message. Only from SENDING: a callback may already have moved it on. */
  @Transactional
  public void accepted(long id, String sid, NotificationStatus status, String source) {
    int changed =
        jdbc.sql(
                "UPDATE notifications SET status = :status, twilio_sid = :sid, sent_at = now(),"
                    + " error_code = NULL, error_message = NULL, updated_at = now()"
                    + " WHERE id = :id AND status = 'SENDING'")
            .param("id", id)
            .param("sid", sid)
            .param("status", status.name())
            .update();
    if (changed == 0) {
      // A status callback overtook us; keep its newer status, but make sure the SID is known.
      jdbc.sql("UPDATE notifications SET twilio_sid = :sid WHERE id = :id AND twilio_sid IS NULL")
          .param("id", id)
          .param("sid", sid)
          .update();
    }
    history(id, status, null, source);
  }

  /** A transient failure: back to PENDING, to be picked up again at {@code nextAttemptAt}. */
  @Transactional
  public void retryAt(long id, Instant nextAttemptAt, Integer errorCode, String message) {
    jdbc.sql(
            "UPDATE notifications SET status = 'PENDING', next_attempt_at = :next, error_code ="
                + " :code, error_message = :message, updated_at = now() WHERE id = :id AND status"
                + " = 'SENDING'")
        .param("id", id)
        .param("next", Timestamps.of(nextAttemptAt))
        .param("code", errorCode)
        .param("message", message)
        .update();
    history(id, NotificationStatus.PENDING, errorCode, "retry");
  }

  /** A final outcome decided here (FAILED, SKIPPED), not reported by Twilio. */
  @Transactional
  public void finish(long id, NotificationStatus status, Integer errorCode, String message) {
    jdbc.sql(
            "UPDATE notifications SET status = :status, error_code = :code, error_message ="
                + " :message, updated_at = now() WHERE id = :id AND status = 'SENDING'")
        .param("id", id)
        .param("status", status.name())
        .param("code", errorCode)
        .param("message", message)
        .update();
    history(id, status, errorCode, "dispatcher");
  }

  /**
   * Records a status Twilio reported. Every report lands in the history; the row moves only
   * forward.
   *
   * @return the notification, or empty when it is unknown
   */
  @Transactional
  public Optional<Notification> reported(
      Long id, String sid, NotificationStatus status, Integer errorCode) {
    Optional<Notification> found =
        (id != null
                ? jdbc.sql("SELECT " + COLUMNS + " FROM notifications WHERE id = :key FOR UPDATE")
                    .param("key", id)
                : jdbc.sql(
                        "SELECT "
                            + COLUMNS
                            + " FROM notifications WHERE twilio_sid = :key"
                            + " FOR UPDATE")
                    .param("key", sid))
            .query(Notifications::map)
            .optional();
    found.ifPresent(
        notification -> {
          history(notification.id(), status, errorCode, "twilio");
          if (status.isAfter(notification.status())) {
            jdbc.sql(
                    "UPDATE notifications SET status = :status, twilio_sid = COALESCE(twilio_sid,"
                        + " CAST(:sid AS text)), error_code = COALESCE(CAST(:code AS integer), error_code), updated_at = now()"
                        + " WHERE id = :id")
                .param("id", notification.id())
                .param("status", status.name())
                .param("sid", sid)
                .param("code", errorCode)
                .update();
          }
        });
    return found;
  }

  public Optional<Notification> find(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM notifications WHERE id = :id")
        .param("id", id)
        .query(Notifications::map)
        .optional();
  }

  private void history(long id, NotificationStatus status, Integer errorCode, String source) {
    jdbc.sql(
            "INSERT INTO notification_status_history (notification_id, status, error_code,"
                + " source) VALUES (:id, :status, :code, :source)")
        .param("id", id)
        .param("status", status.name())
        .param("code", errorCode)
        .param("source", source)
        .update();
  }

  private static Notification map(ResultSet row, int rowNum) throws SQLException {
    return new Notification(
        row.getLong("id"),
        row.getString("intent_id"),
        row.getString("tenant_id"),
        row.getString("job_id"),
        row.getString("to_address"),
        row.getString("body"),
        NotificationStatus.valueOf(row.getString("status")),
        row.getString("twilio_sid"),
        row.getObject("error_code", Integer.class),
        row.getString("error_message"),
        row.getInt("attempts"),
        Timestamps.read(row, "created_at"),
        Timestamps.read(row, "first_attempt_at"));
  }
}
