package io.milepost.notifier.intent;

import io.milepost.notifier.PublicUrls;
import io.milepost.notifier.contact.Contact;
import io.milepost.notifier.contact.Contacts;
import io.milepost.notifier.job.Job;
import io.milepost.notifier.job.JobRepository;
import io.milepost.notifier.job.Tenants;
import io.milepost.notifier.sms.NotificationStatus;
import io.milepost.notifier.sms.Notifications;
import io.milepost.notifier.sms.SmsText;
import io.milepost.schemas.Intent;
import io.milepost.schemas.IntentKind;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns one intent into an outbox row, in one transaction with the record that it was processed:
 * either both exist or neither, so a redelivered intent never becomes a second SMS.
 */
@Service
class IntentRecorder {
  private final ProcessedIntents processed;
  private final JobRepository jobs;
  private final Contacts contacts;
  private final Tenants tenants;
  private final Notifications notifications;
  private final PublicUrls urls;

  IntentRecorder(
      ProcessedIntents processed,
      JobRepository jobs,
      Contacts contacts,
      Tenants tenants,
      Notifications notifications,
      PublicUrls urls) {
    this.processed = processed;
    this.jobs = jobs;
    this.contacts = contacts;
    this.tenants = tenants;
    this.notifications = notifications;
    this.urls = urls;
  }

  /**
   * @return the id of an SMS ready to send; empty for a duplicate or when no SMS can be sent
   */
  @Transactional
  public Optional<Long> record(Intent intent) {
    if (!processed.markProcessed(intent)) {
      return Optional.empty();
    }
    Job job =
        jobs.ensureExists(
            intent.tenantId(),
            intent.jobId(),
            intent.locationId(),
            intent.journey(),
            intent.stage());
    if (intent.customer() != null) {
      contacts.upsert(intent.tenantId(), intent.jobId(), intent.customer());
    }
    if (intent.kind() == IntentKind.CONTACT_CHANGED) {
      // Only the records change: the customer hears nothing because their details arrived.
      return Optional.empty();
    }
    Optional<Contact> contact = contacts.find(intent.tenantId(), intent.jobId());
    boolean first = !notifications.jobHasLiveSms(intent.tenantId(), intent.jobId());
    String body = text(intent, first ? urls.trackingPage(job.trackingToken()) : null);
    if (contact.isPresent() && contact.get().canReceiveSms()) {
      return Optional.of(
          notifications.add(
              intent.intentId(),
              intent.tenantId(),
              intent.jobId(),
              contact.get().phone(),
              body,
              NotificationStatus.PENDING,
              null));
    }
    String reason =
        contact
            .map(Contact::smsBlockedReason)
            .filter(blocked -> blocked != null)
            .map(blocked -> "no SMS: " + blocked)
            .orElse("no SMS: no phone number on file for this job");
    notifications.add(
        intent.intentId(),
        intent.tenantId(),
        intent.jobId(),
        contact.map(Contact::phone).orElse(null),
        body,
        NotificationStatus.SKIPPED,
        reason);
    return Optional.empty();
  }

  private String text(Intent intent, String trackingUrl) {
    String tenantName = tenants.displayName(intent.tenantId());
    return switch (intent.kind()) {
      case STAGE_CHANGED ->
          SmsText.stageChanged(tenantName, intent.stage(), intent.note(), trackingUrl);
      case CONTACT_CHANGED -> throw new IllegalStateException("no text for " + intent.kind());
    };
  }
}
