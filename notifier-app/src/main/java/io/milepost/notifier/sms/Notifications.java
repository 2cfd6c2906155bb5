package io.milepost.notifier.sms;

import io.milepost.notifier.Timestamps;
import io.milepost.notifier.customer.SendingRules;
import io.milepost.notifier.job.InstanceKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The SMS outbox and its status history. Rows are claimed (PENDING to SENDING) in short
 * transactions with {@code FOR UPDATE SKIP LOCKED}, so several instances never send one row twice.
 */
@Repository
public class Notifications {
  static final String CHANNEL_SMS = "SMS";
  private static final String COLUMNS =
      "id, intent_id, tenant_id, job_id, instance, to_address, body, status, twilio_sid, error_code,"
          + " error_message, attempts, created_at, first_attempt_at";

  private final JdbcClient jdbc;
  // Due times are read on the app's clock, so tests can set the hour (quiet hours) instead of
  // waiting for it. Leases (SENDING rows stuck too long) stay on the database's clock.
  private final Clock clock;

  Notifications(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * An SMS for the outbox, with its job instance; see {@link #addAll}.
   *
   * @param dueAt when it may be claimed (a HELD row: when quiet hours end); null: now
   */
  public record NewSms(
      String intentId,
      InstanceKey instance,
      String to,
      String body,
      NotificationStatus status,
      String reason,
      Instant dueAt) {

    public NewSms(
        String intentId,
        InstanceKey instance,
        String to,
        String body,
        NotificationStatus status,
        String reason) {
      this(intentId, instance, to, body, status, reason, null);
    }
  }

  /**
   * What the sending transaction decides about a row it is about to claim: send it now, never
   * (consent, channels), or not before quiet hours end.
   */
  @FunctionalInterface
  public interface Gate {
    SendingRules.Verdict judge(Notification row, Instant now);
  }

  /**
   * Adds SMS to the outbox, each with its first status history row, in one statement; in the given
   * order, so a job's texts leave in that order ({@link #WAITS_FOR_NOBODY}).
   *
   * @return the rows' ids, in the same order
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public List<Long> addAll(List<NewSms> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<String, Long> ids = new HashMap<>();
    Instant now = clock.instant();
    jdbc.sql(
            "WITH added AS (INSERT INTO notifications (intent_id, tenant_id, job_id, instance,"
                + " channel, to_address, body, status, error_message, next_attempt_at) SELECT"
                + " intent_id, tenant_id, job_id, instance, ?, to_address, body, status, reason,"
                + " due_at FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),"
                + " CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),"
                + " CAST(? AS text[]), CAST(? AS timestamptz[])) WITH ORDINALITY AS u(intent_id,"
                + " tenant_id, job_id, instance, to_address, body, status, reason, due_at,"
                + " position) ORDER BY position RETURNING id, intent_id, status),"
                + " history AS (INSERT INTO notification_status_history (notification_id, status,"
                + " source) SELECT id, status, 'intent' FROM added ORDER BY id)"
                + " SELECT id, intent_id FROM added")
        .params(
            CHANNEL_SMS,
            rows.stream().map(NewSms::intentId).toArray(String[]::new),
            rows.stream().map(r -> r.instance().tenantId()).toArray(String[]::new),
            rows.stream().map(r -> r.instance().jobId()).toArray(String[]::new),
            rows.stream().map(r -> r.instance().instance()).toArray(Long[]::new),
            rows.stream().map(NewSms::to).toArray(String[]::new),
            rows.stream().map(NewSms::body).toArray(String[]::new),
            rows.stream().map(r -> r.status().name()).toArray(String[]::new),
            rows.stream().map(NewSms::reason).toArray(String[]::new),
            rows.stream()
                .map(r -> Timestamps.of(r.dueAt() != null ? r.dueAt() : now))
                .toArray(Timestamp[]::new))
        .query((row, n) -> ids.put(row.getString("intent_id"), row.getLong("id")))
        .list();
    return rows.stream().map(row -> ids.get(row.intentId())).toList();
  }

  /**
   * Which of these job instances already have an SMS that went out or will: only the first carries
   * the link. A HELD text is not counted: it may yet be superseded by a later one, which must then
   * carry the link itself (the morning text of a job that began overnight).
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Set<InstanceKey> withLiveSms(Collection<InstanceKey> instances) {
    if (instances.isEmpty()) {
      return Set.of();
    }
    return Set.copyOf(
        jdbc.sql(
                "SELECT k.tenant_id, k.job_id, k.instance FROM unnest(CAST(? AS text[]),"
                    + " CAST(? AS text[]), CAST(? AS bigint[])) AS k(tenant_id, job_id, instance)"
                    + " CROSS JOIN LATERAL (SELECT 1 FROM notifications n WHERE n.tenant_id ="
                    + " k.tenant_id AND n.job_id = k.job_id AND n.instance = k.instance"
                    + " AND n.channel = ? AND n.status NOT IN ('SKIPPED', 'FAILED', 'UNDELIVERED',"
                    + " 'HELD', 'SUPERSEDED')"
                    + " LIMIT 1) AS live")
            .params(
                instances.stream().map(InstanceKey::tenantId).toArray(String[]::new),
                instances.stream().map(InstanceKey::jobId).toArray(String[]::new),
                instances.stream().map(InstanceKey::instance).toArray(Long[]::new),
                CHANNEL_SMS)
            .query(
                (row, n) ->
                    new InstanceKey(
                        row.getString("tenant_id"),
                        row.getString("job_id"),
                        row.getLong("instance")))
            .list());
  }

  /**
   * Claims one PENDING row for sending, or nothing if someone else has it, it is not due, or the
   * {@code gate} says it must not go now. The gate judges in this transaction, with the row locked:
   * a text the customer opted out of after it was written is finished SKIPPED with the reason, one
   * due in their quiet hours becomes HELD until they end; neither is ever handed to Twilio. The
   * first claim records when the row was first handed to Twilio: reconciliation searches from
   * there.
   */
  @Transactional
  public Optional<Notification> claim(long id, Gate gate) {
    Instant now = clock.instant();
    Optional<Notification> due =
        jdbc.sql(
                "SELECT "
                    + COLUMNS
                    + " FROM notifications WHERE id = :id AND status = 'PENDING' AND"
                    + " next_attempt_at <= :now"
                    + WAITS_FOR_NOBODY
                    + " FOR UPDATE SKIP LOCKED")
            .param("id", id)
            .param("now", Timestamps.of(now))
            .query(Notifications::map)
            .optional();
    if (due.isEmpty()) {
      return due;
    }
    SendingRules.Verdict verdict = due.get().to() == null ? null : gate.judge(due.get(), now);
    if (verdict != null && verdict.kind() == SendingRules.Verdict.Kind.SKIP) {
      unsent(id, NotificationStatus.SKIPPED, null, verdict.reason(), "dispatcher");
      return Optional.empty();
    }
    if (verdict != null && verdict.kind() == SendingRules.Verdict.Kind.HOLD) {
      unsent(id, NotificationStatus.HELD, verdict.holdUntil(), verdict.reason(), "quiet-hours");
      return Optional.empty();
    }
    return jdbc.sql(
            "UPDATE notifications SET status = 'SENDING', attempts = attempts + 1,"
                + " first_attempt_at = COALESCE(first_attempt_at, now()), updated_at = now()"
                + " WHERE id = :id RETURNING "
                + COLUMNS)
        .param("id", id)
        .query(Notifications::map)
        .optional();
  }

  /** A claimable row that will not be sent now: finished, or held until {@code until}. */
  private void unsent(
      long id, NotificationStatus status, Instant until, String reason, String source) {
    jdbc.sql(
            "UPDATE notifications SET status = :status, error_message = :reason, next_attempt_at"
                + " = COALESCE(:until, next_attempt_at), updated_at = now() WHERE id = :id")
        .param("id", id)
        .param("status", status.name())
        .param("reason", reason)
        .param("until", Timestamps.of(until))
        .update();
    history(id, status, null, source);
  }

  /**
   * Releases the texts held in quiet hours that have ended, at most {@code limit}: per job instance
   * only the newest goes out (PENDING, due now), with the latest news; older held ones become
   * SUPERSEDED with the reason, and so does a held text once any newer text of its instance exists
   * (written, sent or held longer), so old news never follows new. A job that moved three stages
   * overnight gets one morning text.
   *
   * @return the ids now PENDING, to be dispatched
   */
  @Transactional
  public List<Long> releaseHeld(int limit) {
    Instant now = clock.instant();
    List<Long> released = new ArrayList<>();
    jdbc.sql(
            "WITH due AS (SELECT id, tenant_id, job_id, instance FROM notifications WHERE status"
                + " = 'HELD' AND next_attempt_at <= :now ORDER BY id LIMIT :limit FOR UPDATE SKIP"
                + " LOCKED), judged AS (SELECT due.id, (SELECT max(newer.id) FROM notifications"
                + " newer WHERE newer.tenant_id = due.tenant_id AND newer.job_id = due.job_id AND"
                + " newer.instance = due.instance AND newer.channel = :channel AND newer.id >"
                + " due.id AND newer.status NOT IN ('SKIPPED', 'SUPERSEDED', 'FAILED',"
                + " 'UNDELIVERED')) AS newer_id FROM due), changed AS (UPDATE notifications n SET"
                + " status = CASE WHEN j.newer_id IS NULL THEN 'PENDING' ELSE 'SUPERSEDED' END,"
                + " next_attempt_at = CASE WHEN j.newer_id IS NULL THEN :now ELSE"
                + " n.next_attempt_at END, error_message = CASE WHEN j.newer_id IS NULL THEN NULL"
                + " ELSE 'not sent: held in quiet hours and superseded by notification ' ||"
                + " j.newer_id || ', which carries the later news' END, updated_at = now() FROM"
                + " judged j WHERE n.id = j.id RETURNING n.id, n.status), history AS (INSERT INTO"
                + " notification_status_history (notification_id, status, source) SELECT id,"
                + " status, 'quiet-hours' FROM changed ORDER BY id) SELECT id, status FROM changed"
                + " ORDER BY id")
        .param("now", Timestamps.of(now))
        .param("limit", limit)
        .param("channel", CHANNEL_SMS)
        .query(
            (row, n) -> {
              if ("PENDING".equals(row.getString("status"))) {
                released.add(row.getLong("id"));
              }
              return null;
            })
        .list();
    return released;
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
            "SELECT id FROM notifications WHERE status = 'PENDING' AND next_attempt_at <= :now"
                + " ORDER BY id LIMIT :limit")
        .param("now", Timestamps.of(clock.instant()))
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

  /**
   * Gives a claimed row back, untried, to go at {@code at}: its sender's turn ({@link SendRate}) is
   * not yet. Not an attempt: a burst must never use up a text's attempts.
   */
  public void postpone(long id, Instant at) {
    jdbc.sql(
            "UPDATE notifications SET status = 'PENDING', next_attempt_at = :next, attempts ="
                + " attempts - 1, updated_at = now() WHERE id = :id AND status = 'SENDING'")
        .param("id", id)
        .param("next", Timestamps.of(at))
        .update();
  }

  /** A text Twilio took whose final status never came: its row and Twilio's id for it. */
  record Unfinished(long id, String sid) {}

  /**
   * Texts Twilio took but reported no final status for, last heard of {@code quietFor} ago and
   * created within {@code within}; each is marked as looked at, so the next sweeps leave it for
   * {@code quietFor} again.
   */
  @Transactional
  public List<Unfinished> claimUnfinished(Duration quietFor, Duration within, int limit) {
    Instant now = clock.instant();
    return jdbc.sql(
            "UPDATE notifications SET updated_at = :now WHERE id IN (SELECT id FROM notifications"
                + " WHERE status IN ('ACCEPTED', 'QUEUED', 'SENT') AND twilio_sid IS NOT NULL AND"
                + " updated_at < :quiet AND created_at > :since ORDER BY updated_at LIMIT :limit"
                + " FOR UPDATE SKIP LOCKED) RETURNING id, twilio_sid")
        .param("now", Timestamps.of(now))
        .param("quiet", Timestamps.of(now.minus(quietFor)))
        .param("since", Timestamps.of(now.minus(within)))
        .param("limit", limit)
        .query((row, n) -> new Unfinished(row.getLong("id"), row.getString("twilio_sid")))
        .list();
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
        row.getLong("instance"),
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
