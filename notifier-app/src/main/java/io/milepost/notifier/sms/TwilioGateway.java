package io.milepost.notifier.sms;

import com.twilio.base.ResourceSet;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/** Where an SMS leaves the app. Errors arrive as {@link com.twilio.exception.ApiException}. */
@Component
class TwilioGateway {
  /** Enough to cover one person's recent messages; reconciliation looks no further. */
  private static final long RECONCILE_LOOKUP_LIMIT = 200;

  static final String REQUEST_TIMER = "milepost.twilio.requests";

  private final TwilioRestClient client;
  private final Senders senders;
  private final MeterRegistry meters;

  TwilioGateway(TwilioRestClient client, Senders senders, MeterRegistry meters) {
    this.client = client;
    this.senders = senders;
    this.meters = meters;
  }

  record Accepted(String sid, NotificationStatus status) {}

  /** Sends from {@code tenantId}'s sender ({@link Senders}). */
  Accepted send(String tenantId, String to, String body, String statusCallbackUrl) {
    PhoneNumber recipient = new PhoneNumber(to);
    Senders.Sender sender = senders.of(tenantId);
    MessageCreator creator =
        sender.usesMessagingService()
            ? Message.creator(recipient, sender.messagingServiceSid(), body)
            : Message.creator(recipient, new PhoneNumber(sender.fromNumber()), body);
    Message message =
        timed("create", () -> creator.setStatusCallback(statusCallbackUrl).create(client));
    return new Accepted(message.getSid(), statusOf(message));
  }

  /**
   * Messages with exactly this body to {@code to}, created at or after {@code after}, oldest first.
   * Not filtered by Twilio's DateSent: a message still queued at Twilio has no send date yet, and
   * missing it would send the customer the same text twice. Twilio lists newest first, so the walk
   * stops at the first message older than {@code after}. Which of them, if any, belongs to a row is
   * for the caller to decide: identical texts to one person are normal.
   */
  List<Accepted> findCreated(String to, String body, Instant after) {
    return timed(
        "list",
        () -> {
          ResourceSet<Message> messages =
              Message.reader()
                  .setTo(new PhoneNumber(to))
                  .limit(RECONCILE_LOOKUP_LIMIT)
                  .read(client);
          List<Accepted> found = new ArrayList<>();
          for (Message message : messages) {
            if (message.getDateCreated() != null
                && message.getDateCreated().toInstant().isBefore(after)) {
              break;
            }
            if (body.equals(message.getBody())) {
              found.add(new Accepted(message.getSid(), statusOf(message)));
            }
          }
          Collections.reverse(found);
          return found;
        });
  }

  /** What Twilio says of a message now: its status and error code. */
  record Reported(NotificationStatus status, Integer errorCode) {}

  Reported fetch(String sid) {
    Message message = timed("fetch", () -> Message.fetcher(sid).fetch(client));
    return new Reported(statusOf(message), message.getErrorCode());
  }

  /** Twilio's latency per operation and outcome; the paging of a list is inside its time. */
  private <T> T timed(String operation, Supplier<T> call) {
    Timer.Sample sample = Timer.start(meters);
    String outcome = "error";
    try {
      T result = call.get();
      outcome = "success";
      return result;
    } finally {
      sample.stop(
          Timer.builder(REQUEST_TIMER)
              .description("Twilio REST requests, by operation and outcome")
              .tag("operation", operation)
              .tag("outcome", outcome)
              .register(meters));
    }
  }

  private static NotificationStatus statusOf(Message message) {
    return message.getStatus() == null
        ? NotificationStatus.QUEUED
        : NotificationStatus.fromTwilio(message.getStatus().toString());
  }
}
