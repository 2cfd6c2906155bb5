package io.milepost.notifier.customer;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * A tenant's customer, known by phone (E.164) across all of the tenant's jobs and locations. PII:
 * stored only in PostgreSQL.
 *
 * @param locale as the latest event said; {@link #preferredLocale} wins over it
 * @param timeZone as the latest event said; {@link #preferredTimeZone} wins over it
 */
public record Customer(
    long id,
    String tenantId,
    String phone,
    String name,
    String locale,
    String timeZone,
    String preferredLocale,
    String preferredTimeZone,
    Channels channels,
    QuietHoursPreference quietHours,
    ConsentRecord consent,
    Instant createdAt,
    Instant updatedAt) {

  /** Where a customer wants to hear from the business. */
  public enum Channels {
    /** Texts and the tracking page. */
    SMS,
    /** The tracking page only: no SMS, ever. */
    WEB_ONLY
  }

  public enum ConsentState {
    OPTED_IN,
    OPTED_OUT
  }

  /**
   * The customer's consent to SMS and where its latest change came from (all null while never
   * changed: opted in because they brought a job).
   *
   * @param words what they said ("STOP", "stop texting me"), when it came from words
   * @param number which of our numbers they said it to
   * @param source through what: {@code inbound-sms}, {@code api}, {@code twilio-21610}, ...
   */
  public record ConsentRecord(
      ConsentState state, Instant changedAt, String words, String number, String source) {
    public static final ConsentRecord IMPLIED =
        new ConsentRecord(ConsentState.OPTED_IN, null, null, null, null);

    public boolean optedOut() {
      return state == ConsentState.OPTED_OUT;
    }
  }

  /** A customer an event just named, before it is stored: opted in, no preferences. */
  public static Customer unsaved(String tenantId, String phone) {
    return new Customer(
        0,
        tenantId,
        phone,
        null,
        null,
        null,
        null,
        null,
        Channels.SMS,
        QuietHoursPreference.FOLLOW_TENANT,
        ConsentRecord.IMPLIED,
        null,
        null);
  }

  /** The customer after an event said these (null: said nothing of it); preferences unchanged. */
  public Customer seen(String newName, String newLocale, String newTimeZone) {
    return new Customer(
        id,
        tenantId,
        phone,
        newName != null ? newName : name,
        newLocale != null ? newLocale : locale,
        newTimeZone != null ? newTimeZone : timeZone,
        preferredLocale,
        preferredTimeZone,
        channels,
        quietHours,
        consent,
        createdAt,
        updatedAt);
  }

  /** The language to write in: the customer's choice, else what events said; null if neither. */
  public String effectiveLocale() {
    return preferredLocale != null ? preferredLocale : locale;
  }

  /** The customer's time zone, chosen or from events, if any is known and valid. */
  public Optional<ZoneId> zone() {
    for (String zone : new String[] {preferredTimeZone, timeZone}) {
      if (zone != null) {
        try {
          return Optional.of(ZoneId.of(zone));
        } catch (DateTimeException e) {
          // Stored before the contract checked zones, perhaps: try the next one.
        }
      }
    }
    return Optional.empty();
  }
}
