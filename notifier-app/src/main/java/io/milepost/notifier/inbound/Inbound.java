package io.milepost.notifier.inbound;

import io.milepost.notifier.csat.Surveys;
import io.milepost.notifier.customer.Consent;
import io.milepost.notifier.customerevent.CustomerEvents;
import io.milepost.notifier.sms.Senders;
import io.milepost.schemas.CustomerEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an inbound SMS does, decided and stored in one transaction: consent changes, the reply and
 * what the boards hear commit together or not at all, and a message Twilio delivers twice (its
 * webhook retried) is taken once, by its MessageSid.
 *
 * <p>Which tenants a message is for: those that text from the number (or Messaging Service) it came
 * to ({@link Senders#reachedBy}) and know this customer. On a shared sender an opt-out reaches
 * every one of them, as Twilio blocks that sender for the number for all of them anyway; an answer
 * goes to the tenant whose question is the most recent.
 */
@Service
class Inbound {
  private final JdbcClient jdbc;
  private final Senders senders;
  private final Consent consent;
  private final CustomerEvents customerEvents;
  private final Surveys surveys;
  private final Clock clock;

  Inbound(
      JdbcClient jdbc,
      Senders senders,
      Consent consent,
      CustomerEvents customerEvents,
      Surveys surveys,
      Clock clock) {
    this.jdbc = jdbc;
    this.senders = senders;
    this.consent = consent;
    this.customerEvents = customerEvents;
    this.surveys = surveys;
    this.clock = clock;
  }

  /** One inbound message as Twilio posts it. */
  record Message(String sid, String from, String to, String messagingServiceSid, String body) {}

  /**
   * What to answer: nothing, or a text in the words of {@code key}, about {@code tenantId}, in the
   * customer's language tag ({@code locale}, null when unknown).
   */
  record Answer(String key, String tenantId, String locale) {
    static final Answer NONE = new Answer(null, null, null);

    boolean isNone() {
      return key == null;
    }
  }

  @Transactional
  Answer receive(Message message) {
    if (!firstTime(message.sid())) {
      return Answer.NONE; // Twilio retried its webhook: taken already
    }
    Reply reply = Replies.read(message.body());
    Senders.Audience audience = senders.reachedBy(message.to(), message.messagingServiceSid());
    List<Known> known = knownAt(audience, message.from());
    Instant now = clock.instant();
    return switch (reply.kind()) {
      case OPT_OUT -> optOut(message, reply, audience, known, now);
      case OPT_IN -> optIn(message, reply, known, now);
      case HELP -> help(message, reply, known, now);
      case YES, NO -> answerOrElse(message, reply, known, now);
      case SCORE -> scoreOrElse(message, reply, known, now);
      case TEXT -> passOn(message, reply, known, now);
    };
  }

  private Answer optOut(
      Message message, Reply reply, Senders.Audience audience, List<Known> known, Instant now) {
    Consent.Provenance provenance = provenance(message, now);
    // A tenant with a sender of its own hears the STOP even from a number it never texted.
    for (String tenant : audience.tenants()) {
      if (known.stream().noneMatch(k -> k.tenantId().equals(tenant))) {
        consent.optOut(tenant, message.from(), provenance);
      }
    }
    for (Known customer : known) {
      consent.optOut(customer.tenantId(), message.from(), provenance);
      Optional<OpenJob> latest = latestJob(customer);
      long replyId = store(customer, latest, message, "OPT_OUT", now);
      event(customer, latest, CustomerEvent.Kind.OPTED_OUT, message, now, null, null, replyId);
    }
    // Twilio answers its own keywords (STOP, ...); words it does not know get our confirmation.
    return Replies.isCarrierKeyword(message.body()) || known.isEmpty()
        ? Answer.NONE
        : new Answer("inbound.opted-out", known.get(0).tenantId(), known.get(0).locale());
  }

  private Answer optIn(Message message, Reply reply, List<Known> known, Instant now) {
    for (Known customer : known) {
      consent.optIn(customer.tenantId(), message.from(), provenance(message, now));
      Optional<OpenJob> latest = latestJob(customer);
      long replyId = store(customer, latest, message, "OPT_IN", now);
      event(customer, latest, CustomerEvent.Kind.OPTED_IN, message, now, null, null, replyId);
    }
    return Answer.NONE; // START and UNSTOP are Twilio's keywords: it confirms them itself
  }

  private Answer help(Message message, Reply reply, List<Known> known, Instant now) {
    for (Known customer : known) {
      store(customer, latestJob(customer), message, "HELP", now);
    }
    return known.isEmpty()
        ? new Answer("inbound.help", null, null)
        : new Answer("inbound.help", known.get(0).tenantId(), known.get(0).locale());
  }

  /**
   * A YES or NO answers the customer's open approval request, if any (the most recent); else a YES
   * opts back in, as carriers read it, and a NO is just a message.
   */
  private Answer answerOrElse(Message message, Reply reply, List<Known> known, Instant now) {
    Optional<OpenJob> question = openApprovalRequest(known);
    if (question.isPresent()) {
      OpenJob job = question.get();
      Known customer =
          known.stream().filter(k -> k.tenantId().equals(job.tenantId())).findFirst().orElseThrow();
      long replyId = store(customer, question, message, "DECISION", now);
      CustomerEvent.Decision decision =
          reply.kind() == Reply.Kind.YES
              ? CustomerEvent.Decision.APPROVED
              : CustomerEvent.Decision.DECLINED;
      event(customer, question, CustomerEvent.Kind.DECISION, message, now, decision, null, replyId);
      return new Answer(
          decision == CustomerEvent.Decision.APPROVED ? "inbound.approved" : "inbound.declined",
          job.tenantId(),
          customer.locale());
    }
    if (reply.kind() == Reply.Kind.YES) {
      return optIn(message, reply, known, now);
    }
    return passOn(message, reply, known, now);
  }

  /** A 1-5 scores the customer's open survey, if any; else it is just a message. */
  private Answer scoreOrElse(Message message, Reply reply, List<Known> known, Instant now) {
    Optional<Surveys.Open> survey = surveys.openFor(known.stream().map(Known::id).toList());
    if (survey.isEmpty()) {
      return passOn(message, reply, known, now);
    }
    Surveys.Open open = survey.get();
    Known customer =
        known.stream().filter(k -> k.tenantId().equals(open.tenantId())).findFirst().orElseThrow();
    Optional<OpenJob> job =
        Optional.of(new OpenJob(open.tenantId(), open.jobId(), open.instance(), open.locationId()));
    long replyId = store(customer, job, message, "SCORE", now);
    surveys.score(open, customer.id(), reply.score(), replyId);
    event(customer, job, CustomerEvent.Kind.SCORE, message, now, null, reply.score(), replyId);
    return new Answer("inbound.score-thanks", customer.tenantId(), customer.locale());
  }

  /** Anything else reaches the board of the customer's latest job at each tenant. */
  private Answer passOn(Message message, Reply reply, List<Known> known, Instant now) {
    for (Known customer : known) {
      Optional<OpenJob> latest = latestJob(customer);
      long replyId = store(customer, latest, message, "MESSAGE", now);
      event(customer, latest, CustomerEvent.Kind.MESSAGE, message, now, null, null, replyId);
    }
    return Answer.NONE;
  }

  private boolean firstTime(String sid) {
    return sid == null
        || jdbc.sql("SELECT 1 FROM customer_replies WHERE twilio_sid = :sid")
            .param("sid", sid)
            .query(Integer.class)
            .optional()
            .isEmpty();
  }

  private Consent.Provenance provenance(Message message, Instant now) {
    String number =
        message.messagingServiceSid() != null && !message.messagingServiceSid().isBlank()
            ? message.messagingServiceSid()
            : message.to();
    return new Consent.Provenance(now, message.body(), number, "inbound-sms");
  }

  /** The customer as each tenant of the audience knows them. */
  private List<Known> knownAt(Senders.Audience audience, String phone) {
    return jdbc
        .sql(
            "SELECT id, tenant_id, COALESCE(preferred_locale, locale) AS locale FROM customers"
                + " WHERE phone = :phone ORDER BY tenant_id")
        .param("phone", phone)
        .query(
            (row, n) ->
                new Known(row.getLong("id"), row.getString("tenant_id"), row.getString("locale")))
        .list()
        .stream()
        .filter(customer -> audience.includes(customer.tenantId(), senders))
        .toList();
  }

  /** The customer's most recently texted job at their tenant, if any. */
  private Optional<OpenJob> latestJob(Known customer) {
    return jdbc.sql(
            "SELECT c.tenant_id, c.job_id, c.instance, j.location_id FROM contacts c JOIN jobs j"
                + " ON j.tenant_id = c.tenant_id AND j.job_id = c.job_id AND j.instance ="
                + " c.instance WHERE c.customer_id = :customer ORDER BY c.updated_at DESC LIMIT 1")
        .param("customer", customer.id())
        .query(Inbound::openJob)
        .optional();
  }

  /**
   * The approval request the customer may be answering: a job of theirs whose customer was told it
   * awaits their approval, that has not moved on since (by the board, or a later stage told), and
   * is not decided yet; the most recently asked first.
   */
  private Optional<OpenJob> openApprovalRequest(List<Known> known) {
    if (known.isEmpty()) {
      return Optional.empty();
    }
    return jdbc.sql(
            "SELECT j.tenant_id, j.job_id, j.instance, j.location_id FROM contacts c JOIN jobs j"
                + " ON j.tenant_id = c.tenant_id AND j.job_id = c.job_id AND j.instance ="
                + " c.instance JOIN told_news asked ON asked.tenant_id = j.tenant_id AND"
                + " asked.job_id = j.job_id AND asked.instance = j.instance AND asked.kind ="
                + " 'STAGE_CHANGED' AND asked.subject = 'AWAITING_APPROVAL'"
                + " WHERE c.customer_id = ANY(:customers)"
                // Still waiting: the board says so (or has said nothing yet), and no later stage
                // was told.
                + " AND (j.version = 0 OR j.stage = 'AWAITING_APPROVAL')"
                + " AND NOT EXISTS (SELECT 1 FROM told_news later WHERE later.tenant_id ="
                + " j.tenant_id AND later.job_id = j.job_id AND later.instance = j.instance AND"
                + " later.kind = 'STAGE_CHANGED' AND later.told_order > asked.told_order)"
                + " AND NOT EXISTS (SELECT 1 FROM customer_replies r WHERE r.tenant_id ="
                + " j.tenant_id AND r.job_id = j.job_id AND r.instance = j.instance AND r.kind ="
                + " 'DECISION') ORDER BY asked.told_order DESC LIMIT 1")
        .param("customers", known.stream().map(Known::id).toArray(Long[]::new))
        .query(Inbound::openJob)
        .optional();
  }

  private long store(
      Known customer, Optional<OpenJob> job, Message message, String kind, Instant now) {
    return jdbc.sql(
            "INSERT INTO customer_replies (customer_id, tenant_id, job_id, instance, body, kind,"
                + " to_number, twilio_sid, received_at) VALUES (:customer, :tenant, :job,"
                // One customer on several tenants of a shared sender: a row each, the SID on the
                // first.
                + " :instance, :body, :kind, :to, CASE WHEN EXISTS (SELECT 1 FROM customer_replies"
                + " WHERE twilio_sid = CAST(:sid AS text)) THEN NULL ELSE CAST(:sid AS text) END,"
                + " :at) RETURNING id")
        .param("customer", customer.id())
        .param("tenant", customer.tenantId())
        .param("job", job.map(OpenJob::jobId).orElse(null))
        .param("instance", job.map(OpenJob::instance).orElse(null))
        .param("body", message.body() == null ? "" : message.body())
        .param("kind", kind)
        .param("to", message.to())
        .param("sid", message.sid())
        .param("at", java.sql.Timestamp.from(now))
        .query(Long.class)
        .single();
  }

  private void event(
      Known customer,
      Optional<OpenJob> job,
      CustomerEvent.Kind kind,
      Message message,
      Instant now,
      CustomerEvent.Decision decision,
      Integer score,
      long replyId) {
    customerEvents.record(
        new CustomerEvent(
            customer.tenantId() + "/reply/" + replyId,
            kind,
            customer.tenantId(),
            job.map(OpenJob::locationId).orElse(null),
            job.map(OpenJob::jobId).orElse(null),
            job.map(OpenJob::instance).orElse(null),
            now,
            decision,
            score,
            score == null ? null : surveys.isLow(score),
            message.body(),
            null));
  }

  private static OpenJob openJob(java.sql.ResultSet row, int n) throws java.sql.SQLException {
    return new OpenJob(
        row.getString("tenant_id"),
        row.getString("job_id"),
        row.getLong("instance"),
        row.getString("location_id"));
  }

  private record Known(long id, String tenantId, String locale) {}

  private record OpenJob(String tenantId, String jobId, long instance, String locationId) {}
}
