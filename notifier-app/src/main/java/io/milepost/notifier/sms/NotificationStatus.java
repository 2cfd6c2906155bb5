package io.milepost.notifier.sms;

import java.util.Locale;

/**
 * Where a notification is. The rank orders the lifecycle so a late, older status (callbacks arrive
 * in any order) never overwrites a newer one.
 */
public enum NotificationStatus {
  /** Written with its intent; not yet handed to Twilio. */
  PENDING(0),
  /**
   * Due inside the customer's quiet hours: waits, unsent, until they end ({@code next_attempt_at}),
   * then goes out (PENDING) if it is still the job's latest news, else becomes SUPERSEDED.
   */
  HELD(0),
  /** Being handed to Twilio; if seen long after, the process died: reconcile, do not resend. */
  SENDING(1),
  ACCEPTED(2),
  QUEUED(3),
  SENT(4),
  DELIVERED(5),
  UNDELIVERED(5),
  FAILED(5),
  /**
   * Never sent on purpose: no phone, the phone is blocked, the customer opted out or reads the web.
   */
  SKIPPED(5),
  /** Never sent: held in quiet hours, and a later text of the same job carries the newer news. */
  SUPERSEDED(5);

  private final int rank;

  NotificationStatus(int rank) {
    this.rank = rank;
  }

  public boolean isAfter(NotificationStatus other) {
    return rank > other.rank;
  }

  /** Maps a Twilio message status ("queued", "delivered", ...) onto ours. */
  public static NotificationStatus fromTwilio(String twilioStatus) {
    return switch (twilioStatus.toLowerCase(Locale.ROOT)) {
      case "accepted", "scheduled" -> ACCEPTED;
      // Twilio's own "sending" means handed to the carrier: still only queued for us.
      case "queued", "sending" -> QUEUED;
      case "sent" -> SENT;
      case "delivered", "read" -> DELIVERED;
      case "undelivered" -> UNDELIVERED;
      case "failed", "canceled" -> FAILED;
      default -> throw new IllegalArgumentException("unknown Twilio status " + twilioStatus);
    };
  }
}
