package io.milepost.notifier.sms;

import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A text undelivered for a reason that may pass ({@link TwilioErrors#isWorthRedelivering}) is sent
 * again as a new message, a few times ({@link SmsProperties#redeliveries}), later each time. Each
 * redelivery is an outbox row of its own, under the intent id of the original with {@code
 * /redelivery/N}, so a late callback for the undelivered message never touches it. Only while it is
 * still the job's latest text: news that came since says more, and an old text arriving after it
 * would tell the customer the job went backwards.
 */
@Component
class Redeliveries {
  static final String MARK = "/redelivery/";

  private final JdbcClient jdbc;
  private final SmsProperties settings;
  private final Clock clock;

  Redeliveries(JdbcClient jdbc, SmsProperties settings, Clock clock) {
    this.jdbc = jdbc;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * @return the redelivery's outbox row, due later; empty when none is due (another reason, the
   *     redeliveries used up, a newer text of the job)
   */
  @Transactional
  Optional<Long> after(Notification undelivered, Integer errorCode) {
    if (!TwilioErrors.isWorthRedelivering(errorCode)) {
      return Optional.empty();
    }
    String original = originalOf(undelivered.intentId());
    int done =
        jdbc.sql("SELECT count(*) FROM notifications WHERE starts_with(intent_id, :prefix)")
            .param("prefix", original + MARK)
            .query(Integer.class)
            .single();
    boolean newer =
        jdbc.sql(
                "SELECT EXISTS (SELECT 1 FROM notifications WHERE tenant_id = :tenant AND job_id ="
                    + " :job AND instance = :instance AND id > :id)")
            .param("tenant", undelivered.tenantId())
            .param("job", undelivered.jobId())
            .param("instance", undelivered.instance())
            .param("id", undelivered.id())
            .query(Boolean.class)
            .single();
    if (done >= settings.redeliveries() || newer) {
      return Optional.empty();
    }
    String intentId = original + MARK + (done + 1);
    jdbc.sql(
            "INSERT INTO processed_intents (intent_id, tenant_id, job_id, kind, version) SELECT"
                + " :id, tenant_id, job_id, 'REDELIVERY', version FROM processed_intents WHERE"
                + " intent_id = :original ON CONFLICT (intent_id) DO NOTHING")
        .param("id", intentId)
        .param("original", original)
        .update();
    java.time.Instant due =
        clock.instant().plus(settings.redeliverAfter().multipliedBy(1L << Math.min(done, 10)));
    return jdbc.sql(
            "WITH added AS (INSERT INTO notifications (intent_id, tenant_id, job_id, instance,"
                + " channel, to_address, body, status, next_attempt_at) SELECT :id, tenant_id,"
                + " job_id, instance, channel, to_address, body, 'PENDING', :due FROM notifications"
                + " WHERE id = :undelivered ON CONFLICT DO NOTHING RETURNING id), history AS"
                + " (INSERT INTO notification_status_history (notification_id, status, source)"
                + " SELECT id, 'PENDING', 'redelivery' FROM added) SELECT id FROM added")
        .param("id", intentId)
        .param("due", io.milepost.notifier.Timestamps.of(due))
        .param("undelivered", undelivered.id())
        .query(Long.class)
        .optional();
  }

  private static String originalOf(String intentId) {
    int mark = intentId.indexOf(MARK);
    return mark < 0 ? intentId : intentId.substring(0, mark);
  }
}
