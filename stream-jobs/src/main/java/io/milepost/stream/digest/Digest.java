package io.milepost.stream.digest;

import java.time.Duration;
import java.time.Instant;

/**
 * The digest window: after a customer intent, further stage changes within the tenant's window are
 * held and told as one intent at the window's end. A job's first news goes out at once; the board
 * is never held.
 */
public final class Digest {
  private Digest() {}

  /**
   * Whether a stage change at {@code now} is held.
   *
   * @param lastToldAt when the customer was last sent an intent of this job instance, or null
   */
  public static boolean holds(Instant lastToldAt, Duration window, Instant now) {
    return lastToldAt != null && now.isBefore(endsAt(lastToldAt, window));
  }

  /** When a window opened by an intent at {@code lastToldAt} ends. */
  public static Instant endsAt(Instant lastToldAt, Duration window) {
    return lastToldAt.plus(window);
  }
}
