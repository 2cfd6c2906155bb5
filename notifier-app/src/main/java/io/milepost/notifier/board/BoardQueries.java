package io.milepost.notifier.board;

import io.milepost.notifier.Timestamps;
import io.milepost.notifier.job.Job;
import io.milepost.notifier.job.JobRepository;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Stage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the board reads. Every query takes the tenant and the locations the person may see ({@link
 * Scope}) and filters on both in SQL: a job of another tenant or location is never read, so it can
 * only be a 404.
 */
@Repository
class BoardQueries {
  private static final String[] TERMINAL =
      Arrays.stream(Stage.values()).filter(Stage::terminal).map(Stage::name).toArray(String[]::new);

  /** Replies a board shows with a job: answers, free text, scores (not STOP/START/HELP). */
  static final String SHOWN_REPLIES = "r.kind IN ('DECISION', 'MESSAGE', 'SCORE')";

  private static final String JOB_COLUMNS =
      "j.tenant_id, j.job_id, j.instance, j.location_id, j.journey, j.stage, j.version,"
          + " j.timeline, j.eta_at, j.promised_at, j.note, j.tracking_token, j.updated_at,"
          + " j.eta_reason, j.alerts, COALESCE(cu.name, c.name) AS customer_name, c.phone,"
          + " c.sms_blocked_reason, cu.consent, (SELECT count(*) FROM customer_replies r WHERE"
          + " r.tenant_id = j.tenant_id AND r.job_id = j.job_id AND r.instance = j.instance AND "
          + SHOWN_REPLIES
          + " AND r.seen_at IS NULL) AS unseen FROM jobs j LEFT JOIN contacts c ON c.tenant_id ="
          + " j.tenant_id AND c.job_id = j.job_id AND c.instance = j.instance LEFT JOIN customers"
          + " cu ON cu.id = c.customer_id";

  // On the board: open jobs, and closed ones while a reply (a low score) is unseen.
  private static final String ON_THE_BOARD =
      " AND ((j.closed_at IS NULL AND j.stage <> ALL(:terminal)) OR EXISTS (SELECT 1 FROM"
          + " customer_replies r WHERE r.tenant_id = j.tenant_id AND r.job_id = j.job_id AND"
          + " r.instance = j.instance AND "
          + SHOWN_REPLIES
          + " AND r.seen_at IS NULL))";

  private final JdbcClient jdbc;

  BoardQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Which jobs a person may read: their tenant and these locations.
   *
   * @param locations the locations to read; never empty (a person seeing every location passes them
   *     all)
   */
  record Scope(String tenantId, Collection<String> locations) {
    Scope {
      locations = List.copyOf(locations);
    }

    String[] locationArray() {
      return locations.toArray(String[]::new);
    }
  }

  /** One job instance as the board shows it, with its customer's reachability. */
  record BoardJob(
      Job job,
      String customerName,
      String phone,
      String smsBlockedReason,
      boolean optedOut,
      int unseenReplies) {

    boolean unreachable() {
      return smsBlockedReason != null || optedOut;
    }
  }

  /** A reply shown with its job; {@code score} only for a SCORE. */
  record ShownReply(
      long id,
      String jobId,
      long instance,
      String locationId,
      String kind,
      String body,
      Integer score,
      Instant receivedAt,
      Instant seenAt,
      String seenBy) {}

  record StatusStep(String status, Integer errorCode, String source, Instant recordedAt) {}

  /** A text of the job (or of the customer's other jobs), with its delivery history. */
  record SentText(
      long id,
      String jobId,
      String locationId,
      String body,
      String status,
      Integer errorCode,
      String errorMessage,
      Instant createdAt,
      Instant sentAt,
      List<StatusStep> history) {}

  /** Another job of the same customer. */
  record OtherJob(
      String jobId,
      long instance,
      String locationId,
      Journey journey,
      Stage stage,
      Instant createdAt,
      Instant closedAt) {}

  /** The locations of the tenant that have jobs or a description: what "every location" means. */
  List<String> locationsOf(String tenantId) {
    return jdbc.sql(
            "SELECT location_id FROM locations WHERE tenant_id = :tenant UNION SELECT DISTINCT"
                + " location_id FROM jobs WHERE tenant_id = :tenant AND closed_at IS NULL ORDER BY"
                + " 1")
        .param("tenant", tenantId)
        .query(String.class)
        .list();
  }

  /** Every job on the board of these locations. */
  List<BoardJob> onTheBoard(Scope scope) {
    if (scope.locations().isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            "SELECT "
                + JOB_COLUMNS
                + " WHERE j.tenant_id = :tenant AND j.location_id = ANY(:locations)"
                + ON_THE_BOARD
                + " ORDER BY j.job_id")
        .param("tenant", scope.tenantId())
        .param("locations", scope.locationArray())
        .param("terminal", TERMINAL)
        .query(BoardQueries::mapBoardJob)
        .list();
  }

  /** One job on the board (its card), if it is on it and in scope. */
  Optional<BoardJob> cardOf(Scope scope, String jobId) {
    return jdbc.sql(
            "SELECT "
                + JOB_COLUMNS
                + " WHERE j.tenant_id = :tenant AND j.job_id = :job AND j.location_id ="
                + " ANY(:locations) AND j.instance = (SELECT max(instance) FROM jobs WHERE"
                + " tenant_id = :tenant AND job_id = :job)"
                + ON_THE_BOARD)
        .param("tenant", scope.tenantId())
        .param("job", jobId)
        .param("locations", scope.locationArray())
        .param("terminal", TERMINAL)
        .query(BoardQueries::mapBoardJob)
        .optional();
  }

  /** The job id's latest instance, open or not, if in scope: its detail page. */
  Optional<BoardJob> latest(Scope scope, String jobId) {
    return jdbc.sql(
            "SELECT "
                + JOB_COLUMNS
                + " WHERE j.tenant_id = :tenant AND j.job_id = :job AND j.location_id ="
                + " ANY(:locations) AND j.instance = (SELECT max(instance) FROM jobs WHERE"
                + " tenant_id = :tenant AND job_id = :job)")
        .param("tenant", scope.tenantId())
        .param("job", jobId)
        .param("locations", scope.locationArray())
        .query(BoardQueries::mapBoardJob)
        .optional();
  }

  /** The unseen replies of these job instances, newest first, by "jobId/instance". */
  Map<String, List<ShownReply>> unseenReplies(Scope scope, Collection<Job> jobs) {
    Map<String, List<ShownReply>> byJob = new LinkedHashMap<>();
    if (jobs.isEmpty()) {
      return byJob;
    }
    jdbc.sql(
            "SELECT r.id, r.job_id, r.instance, j.location_id, r.kind, r.body, s.score,"
                + " r.received_at, r.seen_at, r.seen_by FROM customer_replies r JOIN jobs j ON"
                + " j.tenant_id = r.tenant_id AND j.job_id = r.job_id AND j.instance = r.instance"
                + " LEFT JOIN customer_scores s ON s.reply_id = r.id JOIN unnest(CAST(:jobs AS"
                + " text[]), CAST(:instances AS bigint[])) AS k(job_id, instance) ON k.job_id ="
                + " r.job_id AND k.instance = r.instance WHERE r.tenant_id = :tenant AND"
                + " j.location_id = ANY(:locations) AND r.seen_at IS NULL AND "
                + SHOWN_REPLIES
                + " ORDER BY r.received_at DESC, r.id DESC")
        .param("tenant", scope.tenantId())
        .param("locations", scope.locationArray())
        .param("jobs", jobs.stream().map(Job::jobId).toArray(String[]::new))
        .param("instances", jobs.stream().map(Job::instance).toArray(Long[]::new))
        .query(BoardQueries::mapReply)
        .list()
        .forEach(
            reply ->
                byJob
                    .computeIfAbsent(
                        reply.jobId() + "/" + reply.instance(), key -> new ArrayList<>())
                    .add(reply));
    return byJob;
  }

  /** Marks the instance's shown replies seen; returns how many were unseen. */
  int markSeen(Scope scope, Job job, String username, Instant at) {
    return jdbc.sql(
            "UPDATE customer_replies r SET seen_at = :at, seen_by = :who FROM jobs j WHERE"
                + " j.tenant_id = r.tenant_id AND j.job_id = r.job_id AND j.instance = r.instance"
                + " AND r.tenant_id = :tenant AND r.job_id = :job AND r.instance = :instance AND"
                + " j.location_id = ANY(:locations) AND r.seen_at IS NULL AND "
                + SHOWN_REPLIES)
        .param("at", Timestamps.of(at))
        .param("who", username)
        .param("tenant", scope.tenantId())
        .param("job", job.jobId())
        .param("instance", job.instance())
        .param("locations", scope.locationArray())
        .update();
  }

  /**
   * The customer's replies at this tenant about jobs in scope (this one and their others), newest
   * first: what they said before, so nobody asks twice.
   */
  List<ShownReply> repliesOfCustomer(Scope scope, Job job, int limit) {
    return jdbc.sql(
            "SELECT r.id, r.job_id, r.instance, j.location_id, r.kind, r.body, s.score,"
                + " r.received_at, r.seen_at, r.seen_by FROM customer_replies r JOIN jobs j ON"
                + " j.tenant_id = r.tenant_id AND j.job_id = r.job_id AND j.instance = r.instance"
                + " LEFT JOIN customer_scores s ON s.reply_id = r.id WHERE r.tenant_id = :tenant"
                + " AND j.location_id = ANY(:locations) AND ((r.job_id = :job AND r.instance ="
                + " :instance) OR r.customer_id = (SELECT customer_id FROM contacts WHERE"
                + " tenant_id = :tenant AND job_id = :job AND instance = :instance))"
                + " ORDER BY r.received_at DESC, r.id DESC LIMIT :limit")
        .param("tenant", scope.tenantId())
        .param("locations", scope.locationArray())
        .param("job", job.jobId())
        .param("instance", job.instance())
        .param("limit", limit)
        .query(BoardQueries::mapReply)
        .list();
  }

  /**
   * The texts of this job instance and the customer's other jobs in scope, newest first, each with
   * its status history (queued, sent, delivered, failed with its error code).
   */
  List<SentText> textsOfCustomer(Scope scope, Job job, int limit) {
    List<SentText> texts =
        jdbc.sql(
                "SELECT n.id, n.job_id, j.location_id, n.body, n.status, n.error_code,"
                    + " n.error_message, n.created_at, n.sent_at FROM notifications n JOIN jobs j"
                    + " ON j.tenant_id = n.tenant_id AND j.job_id = n.job_id AND j.instance ="
                    + " n.instance WHERE n.tenant_id = :tenant AND j.location_id = ANY(:locations)"
                    + " AND ((n.job_id = :job AND n.instance = :instance) OR (n.to_address IS NOT"
                    + " NULL AND n.to_address = (SELECT phone FROM contacts WHERE tenant_id ="
                    + " :tenant AND job_id = :job AND instance = :instance)))"
                    + " ORDER BY n.id DESC LIMIT :limit")
            .param("tenant", scope.tenantId())
            .param("locations", scope.locationArray())
            .param("job", job.jobId())
            .param("instance", job.instance())
            .param("limit", limit)
            .query(
                (row, n) ->
                    new SentText(
                        row.getLong("id"),
                        row.getString("job_id"),
                        row.getString("location_id"),
                        row.getString("body"),
                        row.getString("status"),
                        row.getObject("error_code", Integer.class),
                        row.getString("error_message"),
                        Timestamps.read(row, "created_at"),
                        Timestamps.read(row, "sent_at"),
                        new ArrayList<>()))
            .list();
    if (texts.isEmpty()) {
      return texts;
    }
    Map<Long, SentText> byId = new LinkedHashMap<>();
    texts.forEach(text -> byId.put(text.id(), text));
    jdbc.sql(
            "SELECT notification_id, status, error_code, source, recorded_at FROM"
                + " notification_status_history WHERE notification_id = ANY(:ids) ORDER BY"
                + " recorded_at, id")
        .param("ids", byId.keySet().toArray(Long[]::new))
        .query(
            (row, n) -> {
              byId.get(row.getLong("notification_id"))
                  .history()
                  .add(
                      new StatusStep(
                          row.getString("status"),
                          row.getObject("error_code", Integer.class),
                          row.getString("source"),
                          Timestamps.read(row, "recorded_at")));
              return null;
            })
        .list();
    return texts;
  }

  /** The customer's other job instances at this tenant, in scope, newest first. */
  List<OtherJob> otherJobsOfCustomer(Scope scope, Job job, int limit) {
    return jdbc.sql(
            "SELECT j.job_id, j.instance, j.location_id, j.journey, j.stage, j.created_at,"
                + " j.closed_at FROM contacts c JOIN jobs j ON j.tenant_id = c.tenant_id AND"
                + " j.job_id = c.job_id AND j.instance = c.instance WHERE c.tenant_id = :tenant"
                + " AND j.location_id = ANY(:locations) AND c.customer_id = (SELECT customer_id"
                + " FROM contacts WHERE tenant_id = :tenant AND job_id = :job AND instance ="
                + " :instance) AND NOT (j.job_id = :job AND j.instance = :instance)"
                + " ORDER BY j.created_at DESC LIMIT :limit")
        .param("tenant", scope.tenantId())
        .param("locations", scope.locationArray())
        .param("job", job.jobId())
        .param("instance", job.instance())
        .param("limit", limit)
        .query(
            (row, n) ->
                new OtherJob(
                    row.getString("job_id"),
                    row.getLong("instance"),
                    row.getString("location_id"),
                    Journey.fromWireName(row.getString("journey")),
                    Stage.valueOf(row.getString("stage")),
                    Timestamps.read(row, "created_at"),
                    Timestamps.read(row, "closed_at")))
        .list();
  }

  private static ShownReply mapReply(ResultSet row, int n) throws SQLException {
    return new ShownReply(
        row.getLong("id"),
        row.getString("job_id"),
        row.getLong("instance"),
        row.getString("location_id"),
        row.getString("kind"),
        row.getString("body"),
        row.getObject("score", Integer.class),
        Timestamps.read(row, "received_at"),
        Timestamps.read(row, "seen_at"),
        row.getString("seen_by"));
  }

  private static BoardJob mapBoardJob(ResultSet row, int n) throws SQLException {
    Job job = JobRepository.map(row, n);
    return new BoardJob(
        job,
        row.getString("customer_name"),
        row.getString("phone"),
        row.getString("sms_blocked_reason"),
        "OPTED_OUT".equals(row.getString("consent")),
        row.getInt("unseen"));
  }
}
