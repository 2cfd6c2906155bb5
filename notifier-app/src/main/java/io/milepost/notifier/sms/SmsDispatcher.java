package io.milepost.notifier.sms;

import com.twilio.exception.ApiException;
import io.milepost.notifier.PublicUrls;
import io.milepost.notifier.contact.Contacts;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Hands committed outbox rows to Twilio. A row goes out right after its intent commits ({@link
 * #dispatch(long)}) or, if that did not happen (crash, retry due), from the periodic {@link
 * #sweep()}. A row stuck in SENDING is looked up at Twilio before it is ever sent again.
 */
@Service
public class SmsDispatcher {
  private static final Logger log = LoggerFactory.getLogger(SmsDispatcher.class);
  private static final int BATCH = 50;

  private final Notifications notifications;
  private final Contacts contacts;
  private final TwilioGateway twilio;
  private final SmsProperties settings;
  private final PublicUrls urls;

  SmsDispatcher(
      Notifications notifications,
      Contacts contacts,
      TwilioGateway twilio,
      SmsProperties settings,
      PublicUrls urls) {
    this.notifications = notifications;
    this.contacts = contacts;
    this.twilio = twilio;
    this.settings = settings;
    this.urls = urls;
  }

  /** Sends one committed notification now, unless someone else already took it. */
  public void dispatch(long notificationId) {
    notifications.claim(notificationId).ifPresent(this::send);
  }

  @Scheduled(fixedDelayString = "${milepost.sms.sweep-interval:PT5S}")
  public void sweep() {
    try {
      notifications.claimStuck(settings.stuckAfter(), BATCH).forEach(this::reconcile);
      notifications.claimDue(BATCH).forEach(this::send);
    } catch (RuntimeException e) {
      // PostgreSQL or Twilio unreachable: the rows stay where they are for the next sweep.
      log.warn("SMS sweep failed; will try again: {}", e.toString());
    }
  }

  /**
   * Statuses Twilio's callback URL carries the row id, so it maps even before we stored the SID.
   */
  static String statusCallbackPath(long notificationId) {
    return StatusCallbackController.PATH + "/" + notificationId;
  }

  private void send(Notification notification) {
    if (notification.attempts() > settings.maxAttempts()) {
      notifications.finish(
          notification.id(),
          NotificationStatus.FAILED,
          notification.errorCode(),
          "gave up after " + settings.maxAttempts() + " attempts");
      return;
    }
    var blocked =
        contacts
            .find(notification.tenantId(), notification.jobId())
            .filter(contact -> !contact.canReceiveSms());
    if (blocked.isPresent()) {
      notifications.finish(
          notification.id(),
          NotificationStatus.SKIPPED,
          null,
          blocked.get().smsBlockedReason() != null
              ? "no SMS: " + blocked.get().smsBlockedReason()
              : "no SMS: no phone number on file for this job");
      return;
    }
    try {
      TwilioGateway.Accepted accepted =
          twilio.send(
              notification.to(),
              notification.body(),
              urls.of(statusCallbackPath(notification.id())));
      notifications.accepted(notification.id(), accepted.sid(), accepted.status(), "send");
    } catch (ApiException e) {
      handleFailure(notification, e);
    }
  }

  private void reconcile(Notification notification) {
    Instant since = notification.createdAt().minus(settings.reconcileMargin());
    try {
      twilio
          .findSent(notification.to(), notification.body(), since)
          .ifPresentOrElse(
              found -> {
                log.info(
                    "notification {} was already accepted by Twilio as {}; not resending",
                    notification.id(),
                    found.sid());
                notifications.accepted(notification.id(), found.sid(), found.status(), "reconcile");
              },
              () -> send(notification));
    } catch (ApiException e) {
      // Could not look: leave it in SENDING; the lease expires and the next sweep looks again.
      log.warn("could not reconcile notification {}: {}", notification.id(), e.getMessage());
    }
  }

  private void handleFailure(Notification notification, ApiException e) {
    Integer code = e.getCode();
    switch (TwilioErrors.judge(e)) {
      case RECIPIENT_UNREACHABLE -> {
        String reason = TwilioErrors.describe(code);
        contacts.blockSms(notification.tenantId(), notification.to(), reason);
        notifications.finish(notification.id(), NotificationStatus.FAILED, code, reason);
      }
      case REJECTED ->
          notifications.finish(notification.id(), NotificationStatus.FAILED, code, e.getMessage());
      case TRANSIENT ->
          notifications.retryAt(
              notification.id(),
              Instant.now().plus(backoff(notification.attempts())),
              code != null ? code : e.getStatusCode(),
              e.getMessage());
      case AMBIGUOUS ->
          // Left in SENDING on purpose: the stuck-row sweep asks Twilio before sending again.
          log.warn(
              "no answer from Twilio for notification {}; will reconcile: {}",
              notification.id(),
              e.getMessage());
    }
  }

  /** Exponential backoff with jitter, so many failed sends do not return at the same instant. */
  Duration backoff(int attempts) {
    long first = settings.firstRetryAfter().toMillis();
    long ceiling = settings.maxRetryAfter().toMillis();
    long exponential = first << Math.min(Math.max(attempts - 1, 0), 20);
    long capped = Math.min(ceiling, exponential);
    return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
  }
}
