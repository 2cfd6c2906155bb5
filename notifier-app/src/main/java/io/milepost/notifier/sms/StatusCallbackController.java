package io.milepost.notifier.sms;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's message status callbacks: queued, sent, delivered, undelivered, failed. Only requests
 * signed with our auth token for our public URL are believed.
 */
@RestController
class StatusCallbackController {
  static final String PATH = "/webhooks/twilio/status";
  private static final Logger log = LoggerFactory.getLogger(StatusCallbackController.class);

  private final TwilioWebhooks webhooks;
  private final Notifications notifications;
  private final UnreachablePhones unreachablePhones;
  private final Redeliveries redeliveries;

  StatusCallbackController(
      TwilioWebhooks webhooks,
      Notifications notifications,
      UnreachablePhones unreachablePhones,
      Redeliveries redeliveries) {
    this.webhooks = webhooks;
    this.notifications = notifications;
    this.unreachablePhones = unreachablePhones;
    this.redeliveries = redeliveries;
  }

  @PostMapping(path = {PATH, PATH + "/{notificationId}"})
  ResponseEntity<?> status(
      @PathVariable(required = false) Long notificationId,
      @RequestHeader(name = TwilioWebhooks.SIGNATURE_HEADER, required = false) String signature,
      HttpServletRequest request) {
    Optional<Map<String, String>> signed = webhooks.verified(request, signature);
    if (signed.isEmpty()) {
      return webhooks.refused(request);
    }
    Map<String, String> params = signed.get();
    String sid = params.get("MessageSid");
    String twilioStatus = params.get("MessageStatus");
    if (twilioStatus == null || (sid == null && notificationId == null)) {
      return ResponseEntity.badRequest().build();
    }
    Integer errorCode = parseCode(params.get("ErrorCode"));
    NotificationStatus status;
    try {
      status = NotificationStatus.fromTwilio(twilioStatus);
    } catch (IllegalArgumentException e) {
      // A status Twilio added after this code was written: acknowledge, do not make Twilio retry.
      log.warn("unknown Twilio status {} for message {} ignored", twilioStatus, sid);
      return ResponseEntity.noContent().build();
    }
    notifications
        .reported(notificationId, sid, status, errorCode)
        .ifPresentOrElse(
            notification -> {
              if (TwilioErrors.isRecipientUnreachable(errorCode)) {
                unreachablePhones.mark(notification, errorCode);
              } else if (becameUndelivered(notification, status)) {
                redeliveries.after(notification, errorCode);
              }
            },
            () -> log.warn("status {} for unknown message {} ignored", twilioStatus, sid));
    return ResponseEntity.noContent().build();
  }

  /** Only the callback that made it undelivered: a duplicate or a late one redelivers nothing. */
  static boolean becameUndelivered(Notification before, NotificationStatus reported) {
    return (reported == NotificationStatus.UNDELIVERED || reported == NotificationStatus.FAILED)
        && reported.isAfter(before.status());
  }

  private static Integer parseCode(String code) {
    if (code == null || code.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(code.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
