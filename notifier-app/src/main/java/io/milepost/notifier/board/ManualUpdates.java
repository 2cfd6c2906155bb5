package io.milepost.notifier.board;

import io.milepost.notifier.contact.Contact;
import io.milepost.notifier.contact.Contacts;
import io.milepost.notifier.customer.Customer;
import io.milepost.notifier.customer.Customers;
import io.milepost.notifier.customer.SendingRules;
import io.milepost.notifier.job.Job;
import io.milepost.notifier.job.Tenants;
import io.milepost.notifier.rules.RulesStore;
import io.milepost.notifier.sms.NotificationStatus;
import io.milepost.notifier.sms.Notifications;
import io.milepost.notifier.words.SmsBody;
import io.milepost.notifier.words.SmsFacts;
import io.milepost.notifier.words.SmsTexts;
import io.milepost.notifier.words.SmsWriter;
import io.milepost.notifier.words.TemplateKind;
import io.milepost.schemas.Rules;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A dealer's own words to a job's customer, sent from the board: written in the tenant's template
 * ({@link TemplateKind#MANUAL_UPDATE}), judged by the same rules as every text ({@link
 * SendingRules}: consent, channels, quiet hours) and written to the same outbox, so the dispatcher
 * sends it once and judges it again when it claims it. The form's idempotency key makes it a
 * "manual intent" of its own ({@code tenant/job/MANUAL/instance/key} in processed_intents): a
 * retried POST finds it recorded and writes nothing.
 */
@Service
class ManualUpdates {
  /** As long as an event's note may be (ops-event v1): the longest words a customer gets. */
  static final int MAX_MESSAGE = 280;

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9-]{8,64}");

  private final JdbcClient jdbc;
  private final Contacts contacts;
  private final Customers customers;
  private final SendingRules sendingRules;
  private final Notifications notifications;
  private final SmsTexts texts;
  private final Tenants tenants;
  private final RulesStore rules;
  private final Clock clock;

  ManualUpdates(
      JdbcClient jdbc,
      Contacts contacts,
      Customers customers,
      SendingRules sendingRules,
      Notifications notifications,
      SmsTexts texts,
      Tenants tenants,
      RulesStore rules,
      Clock clock) {
    this.jdbc = jdbc;
    this.contacts = contacts;
    this.customers = customers;
    this.sendingRules = sendingRules;
    this.notifications = notifications;
    this.texts = texts;
    this.tenants = tenants;
    this.rules = rules;
    this.clock = clock;
  }

  /** What is wrong with a message before anything is written; null when nothing is. */
  enum Problem {
    EMPTY,
    TOO_LONG,
    TOO_MANY_SEGMENTS,
    BAD_KEY
  }

  /** The text the customer would get, with its segments as the one counter counts them. */
  record Preview(String text, int segments, String encoding, Problem problem) {}

  /** What happened to a manual update. */
  enum Outcome {
    /** In the outbox, PENDING: the dispatcher sends it now. */
    SENT,
    /** In the outbox, HELD until the customer's quiet hours end. */
    HELD,
    /** The same form was sent before: nothing new was written. */
    ALREADY_SENT,
    OPTED_OUT,
    WEB_ONLY,
    UNREACHABLE,
    NO_PHONE
  }

  record Result(Outcome outcome, Long notificationId, Instant holdUntil) {}

  /** The text as the customer would get it now, and whether it may be sent. */
  Preview preview(Job job, String message, String key) {
    String words = message == null ? "" : message.strip();
    if (words.isEmpty()) {
      return new Preview("", 0, null, Problem.EMPTY);
    }
    SmsBody body = write(job, contacts.find(job.tenantId(), job.jobId()), words);
    Problem problem = problem(words, body.length().segments(), key);
    return new Preview(
        body.text(), body.length().segments(), body.length().encoding().name(), problem);
  }

  /** The checks on a dealer's message: pure, so the form and its test agree. */
  static Problem problem(String words, int segments, String key) {
    if (words.isEmpty()) {
      return Problem.EMPTY;
    }
    if (words.codePointCount(0, words.length()) > MAX_MESSAGE) {
      return Problem.TOO_LONG;
    }
    if (segments > SmsWriter.MAX_SEGMENTS) {
      return Problem.TOO_MANY_SEGMENTS;
    }
    if (key == null || !KEY.matcher(key).matches()) {
      return Problem.BAD_KEY;
    }
    return null;
  }

  /**
   * Writes the update to the outbox, once per key: PENDING, HELD for quiet hours, or SKIPPED with
   * the reason no text may go (the customer hears nothing). The caller checked the preview.
   */
  @Transactional
  Result send(Job job, String message, String key, String username) {
    String intentId = job.tenantId() + "/" + job.jobId() + "/MANUAL/" + job.instance() + "/" + key;
    boolean first =
        jdbc.sql(
                    "INSERT INTO processed_intents (intent_id, tenant_id, job_id, kind, version)"
                        + " VALUES (:id, :tenant, :job, 'MANUAL_UPDATE', :version) ON CONFLICT"
                        + " (intent_id) DO NOTHING")
                .param("id", intentId)
                .param("tenant", job.tenantId())
                .param("job", job.jobId())
                .param("version", job.version())
                .update()
            == 1;
    if (!first) {
      return new Result(Outcome.ALREADY_SENT, null, null);
    }
    Optional<Contact> contact =
        contacts.find(job.tenantId(), job.jobId()).filter(c -> c.instance() == job.instance());
    String body = write(job, contact, message.strip()).text();
    if (contact.isEmpty() || contact.get().phone() == null) {
      return skipped(
          intentId,
          job,
          null,
          body,
          "no SMS: no phone number on file for this job",
          Outcome.NO_PHONE);
    }
    String phone = contact.get().phone();
    if (contact.get().smsBlockedReason() != null) {
      return skipped(
          intentId,
          job,
          phone,
          body,
          "no SMS: " + contact.get().smsBlockedReason(),
          Outcome.UNREACHABLE);
    }
    Customer customer = customers.find(job.tenantId(), phone).orElse(null);
    Instant now = clock.instant();
    SendingRules.Verdict verdict =
        sendingRules.judge(job.tenantId(), customer, zone(job, contact.get()), now);
    return switch (verdict.kind()) {
      case SEND ->
          new Result(
              Outcome.SENT,
              add(intentId, job, phone, body, NotificationStatus.PENDING, null, null),
              null);
      case HOLD ->
          new Result(
              Outcome.HELD,
              add(
                  intentId,
                  job,
                  phone,
                  body,
                  NotificationStatus.HELD,
                  verdict.reason(),
                  verdict.holdUntil()),
              verdict.holdUntil());
      case SKIP -> skipped(intentId, job, phone, body, verdict.reason(), refusal(customer));
    };
  }

  /** Why the rules said never: the customer opted out, or follows the web only. */
  static Outcome refusal(Customer customer) {
    if (customer != null
        && customer.channels() == Customer.Channels.WEB_ONLY
        && !customer.consent().optedOut()) {
      return Outcome.WEB_ONLY;
    }
    return Outcome.OPTED_OUT;
  }

  private Result skipped(
      String intentId, Job job, String phone, String body, String reason, Outcome outcome) {
    return new Result(
        outcome, add(intentId, job, phone, body, NotificationStatus.SKIPPED, reason, null), null);
  }

  private long add(
      String intentId,
      Job job,
      String phone,
      String body,
      NotificationStatus status,
      String reason,
      Instant dueAt) {
    return notifications
        .addAll(
            List.of(
                new Notifications.NewSms(
                    intentId, job.instanceKey(), phone, body, status, reason, dueAt)))
        .get(0);
  }

  private SmsBody write(Job job, Optional<Contact> contact, String words) {
    return texts.write(
        TemplateKind.MANUAL_UPDATE,
        job.tenantId(),
        SmsTexts.locale(contact.map(Contact::locale).orElse(null)),
        new SmsFacts(
            tenants.displayName(job.tenantId()),
            contact.map(Contact::name).orElse(null),
            words,
            null,
            job.journey(),
            job.stage(),
            List.of(),
            null,
            null,
            null,
            null,
            clock.instant()));
  }

  /** Where the customer reads the clock: their own zone, else the location's, else UTC. */
  private ZoneId zone(Job job, Contact contact) {
    if (contact.timeZone() != null) {
      try {
        return ZoneId.of(contact.timeZone());
      } catch (DateTimeException e) {
        // fall back to the location's, as every other text does
      }
    }
    return rules
        .find(job.tenantId())
        .orElseGet(() -> Rules.defaults(job.tenantId()))
        .timeZone(job.locationId());
  }
}
