package io.milepost.notifier.sms;

import io.milepost.notifier.contact.Contacts;
import io.milepost.notifier.customer.Consent;
import io.milepost.notifier.customerevent.CustomerEvents;
import io.milepost.schemas.CustomerEvent;
import java.time.Clock;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A phone Twilio says can never get SMS from us (a permanent error, {@link TwilioErrors}), whether
 * it said so answering a send or in a status callback: no text goes to it again at this tenant, a
 * STOP the carrier holds (21610) is the customer's opt-out, and the job's board hears of it.
 */
@Component
class UnreachablePhones {
  private final Contacts contacts;
  private final Consent consent;
  private final CustomerEvents customerEvents;
  private final Senders senders;
  private final JdbcClient jdbc;
  private final Clock clock;

  UnreachablePhones(
      Contacts contacts,
      Consent consent,
      CustomerEvents customerEvents,
      Senders senders,
      JdbcClient jdbc,
      Clock clock) {
    this.contacts = contacts;
    this.consent = consent;
    this.customerEvents = customerEvents;
    this.senders = senders;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** For a notification whose send or delivery failed with {@code code}, a permanent error. */
  @Transactional
  void mark(Notification notification, int code) {
    CustomerEvent.Unreachable why = TwilioErrors.unreachable(code);
    Instant now = clock.instant();
    contacts.blockSms(notification.tenantId(), notification.to(), TwilioErrors.describe(code));
    if (why == CustomerEvent.Unreachable.OPTED_OUT) {
      consent.optOut(
          notification.tenantId(),
          notification.to(),
          new Consent.Provenance(
              now, null, senders.of(notification.tenantId()).id(), "twilio-" + code));
    }
    String location =
        jdbc.sql("SELECT location_id FROM jobs WHERE tenant_id = :tenant AND job_id = :job")
            .param("tenant", notification.tenantId())
            .param("job", notification.jobId())
            .query(String.class)
            .optional()
            .orElse(null);
    customerEvents.record(
        new CustomerEvent(
            notification.tenantId() + "/notification/" + notification.id() + "/unreachable",
            CustomerEvent.Kind.UNREACHABLE,
            notification.tenantId(),
            location,
            location == null ? null : notification.jobId(),
            location == null ? null : notification.instance(),
            now,
            null,
            null,
            null,
            null,
            why));
  }
}
