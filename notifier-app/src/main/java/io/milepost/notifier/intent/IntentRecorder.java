package io.milepost.notifier.intent;

import io.milepost.notifier.PublicUrls;
import io.milepost.notifier.contact.Contact;
import io.milepost.notifier.contact.Contacts;
import io.milepost.notifier.job.Job;
import io.milepost.notifier.job.JobMessage;
import io.milepost.notifier.job.JobRepository;
import io.milepost.notifier.job.Tenants;
import io.milepost.notifier.sms.NotificationStatus;
import io.milepost.notifier.sms.Notifications;
import io.milepost.notifier.sms.SmsText;
import io.milepost.schemas.Intent;
import io.milepost.schemas.Stage;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns one intent into an outbox row, in one transaction with the record that it was processed:
 * either both exist or neither, so a redelivered intent never becomes a second SMS. In the same
 * transaction, under the job instance's row lock, it decides whether the intent is news to this
 * instance's customer at all: news told once is never told again, whatever the intent id.
 */
@Service
class IntentRecorder {
  private static final Logger log = LoggerFactory.getLogger(IntentRecorder.class);

  private final ProcessedIntents processed;
  private final JobRepository jobs;
  private final ToldNews told;
  private final Contacts contacts;
  private final Tenants tenants;
  private final Notifications notifications;
  private final PublicUrls urls;

  IntentRecorder(
      ProcessedIntents processed,
      JobRepository jobs,
      ToldNews told,
      Contacts contacts,
      Tenants tenants,
      Notifications notifications,
      PublicUrls urls) {
    this.processed = processed;
    this.jobs = jobs;
    this.told = told;
    this.contacts = contacts;
    this.tenants = tenants;
    this.notifications = notifications;
    this.urls = urls;
  }

  /**
   * @return the id of an SMS ready to send; empty for a duplicate, for news already told, or when
   *     no SMS can be sent
   */
  @Transactional
  public Optional<Long> record(Intent intent) {
    if (!processed.markProcessed(intent)) {
      return Optional.empty();
    }
    Optional<Job> instance = jobs.lockInstance(JobMessage.of(intent));
    if (instance.isEmpty()) {
      log.debug("intent {} is about an earlier use of its job id: told nothing", intent.intentId());
      return Optional.empty();
    }
    Job job = instance.get();
    if (intent.stage().terminal()) {
      jobs.close(job, intent.occurredAt());
    }
    boolean reachableAnew =
        intent.customer() != null
            && contacts.upsert(job.tenantId(), job.jobId(), job.instance(), intent.customer());
    List<ToldOnce.Told> toldSoFar = told.stages(job);
    return switch (intent.kind()) {
      case STAGE_CHANGED -> {
        if (ToldOnce.isNews(toldSoFar, intent.stage(), intent.occurredAt())) {
          told.stageTold(job, intent.stage(), intent.occurredAt(), intent);
          yield tell(intent, job, intent.stage(), intent.note(), isFirst(job));
        }
        log.debug("intent {} is news already told: nothing sent", intent.intentId());
        yield reachableAnew ? catchUp(intent, job, toldSoFar) : Optional.empty();
      }
      // Details without news: the customer hears nothing because of them, unless they make a
      // customer who has heard nothing yet reachable.
      case CONTACT_CHANGED -> reachableAnew ? catchUp(intent, job, toldSoFar) : Optional.empty();
      // Recorded as processed (above), so a redelivery stays a duplicate; the customer is told
      // nothing of these kinds until the notifier learns their words.
      case ETA_CHANGED, DELAY_RISK, STAGE_OVERRUN, SILENCE -> {
        log.debug("intent {} of kind {}: told by a later change", intent.intentId(), intent.kind());
        yield Optional.empty();
      }
    };
  }

  /**
   * A phone arrived (or changed) for a customer who has no message in this instance yet, e.g. the
   * first check-in carried none: tell them where the job is now, once. A customer who heard from us
   * already is told nothing because of new details.
   */
  private Optional<Long> catchUp(Intent intent, Job job, List<ToldOnce.Told> toldSoFar) {
    if (!isFirst(job)) {
      return Optional.empty();
    }
    Stage stage;
    if (ToldOnce.isNews(toldSoFar, intent.stage(), intent.occurredAt())) {
      // The engine is further on than any stage news that reached us (a digest still holds it):
      // tell the stage it names, and remember it, so its own news is old when it comes.
      stage = intent.stage();
      told.stageTold(job, stage, intent.occurredAt(), intent);
    } else if (!toldSoFar.isEmpty()) {
      stage = toldSoFar.get(toldSoFar.size() - 1).stage();
    } else {
      return Optional.empty();
    }
    return tell(intent, job, stage, null, true);
  }

  /** Whether nothing went out or will to this instance yet: only the first text has the link. */
  private boolean isFirst(Job job) {
    return !notifications.jobHasLiveSms(job.tenantId(), job.jobId(), job.instance());
  }

  /**
   * @param first whether this is the instance's first text (see {@link #isFirst}), known already
   *     where the caller had to ask
   */
  private Optional<Long> tell(Intent intent, Job job, Stage stage, String note, boolean first) {
    Optional<Contact> contact = contacts.find(job.tenantId(), job.jobId(), job.instance());
    String body =
        SmsText.stageChanged(
            tenants.displayName(job.tenantId()),
            stage,
            note,
            first ? urls.trackingPage(job.trackingToken()) : null);
    if (contact.isPresent() && contact.get().canReceiveSms()) {
      return Optional.of(
          notifications.add(
              intent.intentId(),
              job.tenantId(),
              job.jobId(),
              job.instance(),
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
        job.tenantId(),
        job.jobId(),
        job.instance(),
        contact.map(Contact::phone).orElse(null),
        body,
        NotificationStatus.SKIPPED,
        reason);
    return Optional.empty();
  }
}
