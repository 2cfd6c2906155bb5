package io.milepost.notifier.sms;

import com.twilio.base.ResourceSet;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Where an SMS leaves the app. Errors arrive as {@link com.twilio.exception.ApiException}. */
@Component
class TwilioGateway {
  /** Enough to cover one person's recent messages; reconciliation looks no further. */
  private static final long RECONCILE_LOOKUP_LIMIT = 200;

  private final TwilioRestClient client;
  private final TwilioProperties twilio;

  TwilioGateway(TwilioRestClient client, TwilioProperties twilio) {
    this.client = client;
    this.twilio = twilio;
  }

  record Accepted(String sid, NotificationStatus status) {}

  Accepted send(String to, String body, String statusCallbackUrl) {
    PhoneNumber recipient = new PhoneNumber(to);
    MessageCreator creator =
        twilio.usesMessagingService()
            ? Message.creator(recipient, twilio.messagingServiceSid(), body)
            : Message.creator(recipient, new PhoneNumber(twilio.fromNumber()), body);
    Message message = creator.setStatusCallback(statusCallbackUrl).create(client);
    return new Accepted(message.getSid(), statusOf(message));
  }

  /**
   * A message with exactly this body to {@code to}, created after {@code after}, if Twilio has one.
   * Not filtered by Twilio's DateSent: a message still queued at Twilio has no send date yet, and
   * missing it would send the customer the same text twice. Twilio lists newest first, so the walk
   * stops at the first message older than {@code after}.
   */
  Optional<Accepted> findSent(String to, String body, Instant after) {
    ResourceSet<Message> messages =
        Message.reader().setTo(new PhoneNumber(to)).limit(RECONCILE_LOOKUP_LIMIT).read(client);
    for (Message message : messages) {
      if (message.getDateCreated() != null
          && message.getDateCreated().toInstant().isBefore(after)) {
        break;
      }
      if (body.equals(message.getBody())) {
        return Optional.of(new Accepted(message.getSid(), statusOf(message)));
      }
    }
    return Optional.empty();
  }

  private static NotificationStatus statusOf(Message message) {
    return message.getStatus() == null
        ? NotificationStatus.QUEUED
        : NotificationStatus.fromTwilio(message.getStatus().toString());
  }
}
