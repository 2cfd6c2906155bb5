package io.milepost.notifier.customer;

import io.milepost.notifier.rules.RulesStore;
import io.milepost.schemas.Rules;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whether an SMS may go to a customer now: not at all (opted out, web only), not yet (quiet hours
 * on their clock: held until they end), or now. One decision, taken twice: when an intent is
 * recorded (so a text due at night is written HELD at once) and again in the transaction that
 * claims the row for sending ({@link #judgeForSending}), because consent and preferences can change
 * in between.
 */
@Service
public class SendingRules {
  private final QuietHoursProperties quietHours;
  private final Customers customers;
  private final RulesStore rules;
  private final JdbcClient jdbc;

  SendingRules(
      QuietHoursProperties quietHours, Customers customers, RulesStore rules, JdbcClient jdbc) {
    this.quietHours = quietHours;
    this.customers = customers;
    this.rules = rules;
    this.jdbc = jdbc;
  }

  /** What to do with a text. */
  public record Verdict(Kind kind, String reason, Instant holdUntil) {
    public enum Kind {
      SEND,
      /** Never: a final status with the reason. */
      SKIP,
      /** Not before {@code holdUntil}, when the customer's quiet hours end. */
      HOLD
    }

    static final Verdict SEND = new Verdict(Kind.SEND, null, null);
  }

  /**
   * The decision for one customer at {@code now}.
   *
   * @param customer the stored customer, or null when none is stored yet (opted in, defaults)
   * @param zone where the customer reads the clock when they did not say: the job's contact's zone,
   *     else the location's (see {@link #fallbackZone})
   */
  public Verdict judge(String tenantId, Customer customer, ZoneId zone, Instant now) {
    if (customer != null && customer.consent().optedOut()) {
      Customer.ConsentRecord consent = customer.consent();
      return new Verdict(
          Verdict.Kind.SKIP,
          "no SMS: the customer opted out"
              + (consent.words() != null ? " ('" + consent.words() + "')" : "")
              + (consent.changedAt() != null ? " at " + consent.changedAt() : "")
              + (consent.source() != null ? " via " + consent.source() : ""),
          null);
    }
    if (customer != null && customer.channels() == Customer.Channels.WEB_ONLY) {
      return new Verdict(
          Verdict.Kind.SKIP, "no SMS: the customer follows the tracking page only", null);
    }
    ZoneId theirs = customer == null ? zone : customer.zone().orElse(zone);
    Optional<QuietWindow> window =
        quietHours.windowFor(tenantId, customer == null ? null : customer.quietHours());
    if (window.isPresent()) {
      Optional<Instant> ends = window.get().endIfInside(now, theirs);
      if (ends.isPresent()) {
        return new Verdict(
            Verdict.Kind.HOLD,
            "held: quiet hours " + window.get() + " " + theirs.getId() + " until " + ends.get(),
            ends.get());
      }
    }
    return Verdict.SEND;
  }

  /**
   * The decision for an outbox row about to be claimed, with the customer read under a share lock
   * (see {@link Customers#findForShare}). Call inside the claiming transaction.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Verdict judgeForSending(
      String tenantId, String phone, String jobId, long instance, Instant now) {
    Customer customer = customers.findForShare(tenantId, phone).orElse(null);
    if (customer != null && customer.consent().optedOut()) {
      return judge(tenantId, customer, ZoneOffset.UTC, now);
    }
    return judge(tenantId, customer, fallbackZone(tenantId, jobId, instance), now);
  }

  /**
   * Where a customer who named no zone reads the clock: their job's contact's zone (from the job's
   * events), else the job's location's (the tenant's rules), else UTC.
   */
  ZoneId fallbackZone(String tenantId, String jobId, long instance) {
    Optional<Place> place =
        jdbc.sql(
                "SELECT j.location_id, c.time_zone FROM jobs j LEFT JOIN contacts c ON"
                    + " c.tenant_id = j.tenant_id AND c.job_id = j.job_id AND c.instance ="
                    + " j.instance WHERE j.tenant_id = :tenant AND j.job_id = :job AND"
                    + " j.instance = :instance")
            .param("tenant", tenantId)
            .param("job", jobId)
            .param("instance", instance)
            .query((row, n) -> new Place(row.getString("location_id"), row.getString("time_zone")))
            .optional();
    if (place.isEmpty()) {
      return ZoneOffset.UTC;
    }
    return TimeZones.forCustomer(
        place.get().contactZone(),
        rules.find(tenantId).orElseGet(() -> Rules.defaults(tenantId)),
        place.get().locationId());
  }

  private record Place(String locationId, String contactZone) {}
}
