package io.milepost.notifier.customer;

import io.milepost.notifier.Timestamps;
import io.milepost.notifier.job.Tenants;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way a customer's consent to SMS changes (inbound STOP/START, a Twilio 21610, an
 * operator). Each change is called inside the caller's transaction ({@code MANDATORY}): the inbound
 * message, its reply record and the consent change commit together or not at all.
 *
 * <p>Nothing else is needed to stop texts: every SMS is judged again when it is claimed for sending
 * ({@link SendingRules#judgeForSending}), under a share lock on the customer row that this class
 * locks for update. So an opt-out that commits before a claim is always honoured, including for
 * rows written (PENDING, HELD) before it; only a text already handed to Twilio when the opt-out
 * commits can still arrive.
 */
@Service
public class Consent {
  private final JdbcClient jdbc;
  private final Tenants tenants;

  Consent(JdbcClient jdbc, Tenants tenants) {
    this.jdbc = jdbc;
    this.tenants = tenants;
  }

  /**
   * Where a consent change came from, kept with it.
   *
   * @param at when the customer said it (Twilio's receipt time, or now)
   * @param words what they said, e.g. "STOP" or "stop texting me"; null when not from words
   * @param number which of our numbers (or Messaging Service SID) they said it to; null if none
   * @param source through what: {@code inbound-sms}, {@code api}, {@code twilio-21610}, ...
   */
  public record Provenance(Instant at, String words, String number, String source) {
    public Provenance {
      if (at == null || source == null || source.isBlank()) {
        throw new IllegalArgumentException("a consent change needs a time and a source");
      }
    }
  }

  /**
   * The customer (created if the tenant never knew this number) opts out of SMS at this tenant.
   *
   * @param phone E.164, as Twilio's {@code From} carries it
   * @return the customer as stored now
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Customer optOut(String tenantId, String phone, Provenance provenance) {
    return change(tenantId, phone, Customer.ConsentState.OPTED_OUT, provenance);
  }

  /** The customer opts back in (START, UNSTOP, YES): texts may go again from now on. */
  @Transactional(propagation = Propagation.MANDATORY)
  public Customer optIn(String tenantId, String phone, Provenance provenance) {
    return change(tenantId, phone, Customer.ConsentState.OPTED_IN, provenance);
  }

  private Customer change(
      String tenantId, String phone, Customer.ConsentState state, Provenance provenance) {
    if (!PhoneNumbers.isE164(phone)) {
      throw new IllegalArgumentException("consent belongs to an E.164 number");
    }
    // The tenant row may not exist yet if a STOP is the first thing we hear of the tenant.
    tenants.ensure(tenantId);
    // The upsert locks the customer row until commit: a claim judging this customer waits.
    Customer customer =
        jdbc.sql(
                "INSERT INTO customers (tenant_id, phone, consent, consent_changed_at,"
                    + " consent_words, consent_number, consent_source) VALUES (:tenant, :phone,"
                    + " :state, :at, :words, :number, :source) ON CONFLICT (tenant_id, phone) DO"
                    + " UPDATE SET consent = EXCLUDED.consent, consent_changed_at ="
                    + " EXCLUDED.consent_changed_at, consent_words = EXCLUDED.consent_words,"
                    + " consent_number = EXCLUDED.consent_number, consent_source ="
                    + " EXCLUDED.consent_source, updated_at = now() RETURNING "
                    + Customers.COLUMNS)
            .param("tenant", tenantId)
            .param("phone", phone)
            .param("state", state.name())
            .param("at", Timestamps.of(provenance.at()))
            .param("words", provenance.words())
            .param("number", provenance.number())
            .param("source", provenance.source())
            .query(Customers::map)
            .single();
    jdbc.sql(
            "INSERT INTO consent_changes (customer_id, consent, changed_at, words, number, source)"
                + " VALUES (:customer, :state, :at, :words, :number, :source)")
        .param("customer", customer.id())
        .param("state", state.name())
        .param("at", Timestamps.of(provenance.at()))
        .param("words", provenance.words())
        .param("number", provenance.number())
        .param("source", provenance.source())
        .update();
    return customer;
  }
}
