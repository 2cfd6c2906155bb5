package io.milepost.notifier.csat;

import io.milepost.notifier.Timestamps;
import io.milepost.notifier.job.InstanceKey;
import io.milepost.notifier.job.Tenants;
import io.milepost.notifier.sms.NotificationStatus;
import io.milepost.notifier.sms.Notifications;
import io.milepost.notifier.words.SmsFacts;
import io.milepost.notifier.words.SmsTexts;
import io.milepost.notifier.words.TemplateKind;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Stage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The satisfaction surveys: scheduled with the news that a job closed, written as texts when due,
 * and found again when a customer's 1-5 reply may answer one.
 *
 * <p>A survey becomes a text only once every news text of its job is out (none PENDING, HELD or
 * SENDING): the morning release of held texts sends a job's newest and supersedes the rest, and a
 * survey must never be the newest that wins over the news that the car is ready. Whether it may go
 * now (quiet hours, consent) is judged when it is claimed, as for every text.
 */
@Component
public class Surveys {
  private final JdbcClient jdbc;
  private final Notifications notifications;
  private final SmsTexts texts;
  private final Tenants tenants;
  private final CsatProperties settings;
  private final Clock clock;

  Surveys(
      JdbcClient jdbc,
      Notifications notifications,
      SmsTexts texts,
      Tenants tenants,
      CsatProperties settings,
      Clock clock) {
    this.jdbc = jdbc;
    this.notifications = notifications;
    this.texts = texts;
    this.tenants = tenants;
    this.settings = settings;
    this.clock = clock;
  }

  /** A job instance whose customer was just told it closed, at this phone. */
  public record Due(InstanceKey instance, String phone) {}

  /** An open survey a reply may answer. */
  public record Open(
      String tenantId, String jobId, long instance, String locationId, long notificationId) {}

  /** Whether telling the customer of {@code stage} earns the job a survey. */
  public boolean after(Stage stage) {
    return settings.after(stage);
  }

  /** Schedules one survey per instance (a second schedule of the same instance is ignored). */
  @Transactional(propagation = Propagation.MANDATORY)
  public void scheduleAll(List<Due> due) {
    if (due.isEmpty()) {
      return;
    }
    Instant at = clock.instant().plus(settings.delay());
    jdbc.sql(
            "INSERT INTO csat_surveys (tenant_id, job_id, instance, phone, due_at) SELECT"
                + " tenant_id, job_id, instance, phone, ? FROM unnest(CAST(? AS text[]),"
                + " CAST(? AS text[]), CAST(? AS bigint[]), CAST(? AS text[])) AS u(tenant_id,"
                + " job_id, instance, phone) ON CONFLICT DO NOTHING")
        .params(
            Timestamps.of(at),
            due.stream().map(d -> d.instance().tenantId()).toArray(String[]::new),
            due.stream().map(d -> d.instance().jobId()).toArray(String[]::new),
            due.stream().map(d -> d.instance().instance()).toArray(Long[]::new),
            due.stream().map(Due::phone).toArray(String[]::new))
        .update();
  }

  /**
   * Writes the texts of due surveys whose job's news is all out, each as the outbox row of a survey
   * "intent" of its own ({@code tenant/job/CSAT/instance}).
   *
   * @return the outbox rows to dispatch
   */
  @Transactional
  public List<Long> writeDue(int limit) {
    List<Ready> ready =
        jdbc.sql(
                "SELECT s.tenant_id, s.job_id, s.instance, s.phone, j.journey,"
                    + " COALESCE(cu.preferred_locale, cu.locale, c.locale) AS locale,"
                    + " COALESCE(cu.name, c.name) AS name FROM csat_surveys s JOIN jobs j ON"
                    + " j.tenant_id = s.tenant_id AND j.job_id = s.job_id AND j.instance ="
                    + " s.instance LEFT JOIN contacts c ON c.tenant_id = s.tenant_id AND c.job_id"
                    + " = s.job_id AND c.instance = s.instance LEFT JOIN customers cu ON cu.id ="
                    + " c.customer_id WHERE s.notification_id IS NULL AND s.due_at <= :now AND"
                    + " NOT EXISTS (SELECT 1 FROM notifications n WHERE n.tenant_id = s.tenant_id"
                    + " AND n.job_id = s.job_id AND n.status IN ('PENDING', 'HELD', 'SENDING'))"
                    + " ORDER BY s.due_at LIMIT :limit FOR UPDATE OF s SKIP LOCKED")
            .param("now", Timestamps.of(clock.instant()))
            .param("limit", limit)
            .query(
                (row, n) ->
                    new Ready(
                        new InstanceKey(
                            row.getString("tenant_id"),
                            row.getString("job_id"),
                            row.getLong("instance")),
                        row.getString("phone"),
                        Journey.fromWireName(row.getString("journey")),
                        row.getString("locale"),
                        row.getString("name")))
            .list();
    List<Long> written = new ArrayList<>();
    for (Ready survey : ready) {
      InstanceKey instance = survey.instance();
      String intentId =
          instance.tenantId() + "/" + instance.jobId() + "/CSAT/" + instance.instance();
      jdbc.sql(
              "INSERT INTO processed_intents (intent_id, tenant_id, job_id, kind, version) VALUES"
                  + " (:id, :tenant, :job, 'CSAT', 0) ON CONFLICT (intent_id) DO NOTHING")
          .param("id", intentId)
          .param("tenant", instance.tenantId())
          .param("job", instance.jobId())
          .update();
      String body =
          texts
              .write(
                  TemplateKind.CSAT_SURVEY,
                  instance.tenantId(),
                  SmsTexts.locale(survey.locale()),
                  new SmsFacts(
                      tenants.displayName(instance.tenantId()),
                      survey.name(),
                      null,
                      null,
                      survey.journey(),
                      null,
                      List.of(),
                      null,
                      null,
                      null,
                      ZoneOffset.UTC,
                      clock.instant()))
              .text();
      long id =
          notifications
              .addAll(
                  List.of(
                      new Notifications.NewSms(
                          intentId,
                          instance,
                          survey.phone(),
                          body,
                          NotificationStatus.PENDING,
                          null)))
              .get(0);
      jdbc.sql(
              "UPDATE csat_surveys SET notification_id = :id WHERE tenant_id = :tenant AND"
                  + " job_id = :job AND instance = :instance")
          .param("id", id)
          .param("tenant", instance.tenantId())
          .param("job", instance.jobId())
          .param("instance", instance.instance())
          .update();
      written.add(id);
    }
    return written;
  }

  /**
   * The survey a reply from one of these customers may answer: one that went out within the answer
   * window and has no score yet; the most recent first.
   */
  public Optional<Open> openFor(List<Long> customerIds) {
    if (customerIds.isEmpty()) {
      return Optional.empty();
    }
    return jdbc.sql(
            "SELECT s.tenant_id, s.job_id, s.instance, j.location_id, n.id FROM csat_surveys s"
                + " JOIN notifications n ON n.id = s.notification_id JOIN jobs j ON j.tenant_id ="
                + " s.tenant_id AND j.job_id = s.job_id AND j.instance = s.instance JOIN customers"
                + " cu ON cu.tenant_id = s.tenant_id AND cu.phone = s.phone WHERE cu.id ="
                + " ANY(:customers) AND n.first_attempt_at IS NOT NULL AND n.first_attempt_at >"
                + " :since AND NOT EXISTS (SELECT 1 FROM customer_scores sc WHERE sc.tenant_id ="
                + " s.tenant_id AND sc.job_id = s.job_id AND sc.instance = s.instance) ORDER BY"
                + " n.first_attempt_at DESC LIMIT 1")
        .param("customers", customerIds.toArray(Long[]::new))
        .param("since", Timestamps.of(clock.instant().minus(settings.answerWindow())))
        .query(
            (row, n) ->
                new Open(
                    row.getString("tenant_id"),
                    row.getString("job_id"),
                    row.getLong("instance"),
                    row.getString("location_id"),
                    row.getLong("id")))
        .optional();
  }

  /** Stores the score of an open survey, from the reply that gave it. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void score(Open survey, long customerId, int score, long replyId) {
    jdbc.sql(
            "INSERT INTO customer_scores (customer_id, tenant_id, job_id, instance, score,"
                + " reply_id, recorded_at) VALUES (:customer, :tenant, :job, :instance, :score,"
                + " :reply, :at)")
        .param("customer", customerId)
        .param("tenant", survey.tenantId())
        .param("job", survey.jobId())
        .param("instance", survey.instance())
        .param("score", score)
        .param("reply", replyId)
        .param("at", Timestamps.of(clock.instant()))
        .update();
  }

  /** Whether a score asks for attention: the board raises an alert. */
  public boolean isLow(int score) {
    return score <= settings.lowScoreAtOrBelow();
  }

  private record Ready(
      InstanceKey instance, String phone, Journey journey, String locale, String name) {}
}
