package io.milepost.schemas;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The one rule on an event's time that a schema cannot say: it must not lie in the future. A
 * scanner whose clock says 2036 would otherwise drag the engine's event time ahead and fire every
 * timer of its subtask at once. Used by the stream job (dead letter) and the HTTP ingest (400).
 */
public final class EventClock {
  /** How far ahead of the receiver's clock an event may be stamped by default. */
  public static final Duration DEFAULT_MAX_SKEW = Duration.ofMinutes(10);

  private EventClock() {}

  /**
   * A violation on {@code /occurredAt} when the event happened more than {@code maxSkew} after
   * {@code now}; empty otherwise.
   */
  public static Optional<Violation> checkNotAhead(OpsEvent event, Instant now, Duration maxSkew) {
    Instant latest = now.plus(maxSkew);
    if (!event.occurredAt().isAfter(latest)) {
      return Optional.empty();
    }
    return Optional.of(
        new Violation(
            "/occurredAt",
            "occurredAt: "
                + event.occurredAt()
                + " is ahead of the receiver's clock ("
                + now
                + ") by more than the allowed "
                + maxSkew
                + "; is the producer's clock wrong?"));
  }
}
