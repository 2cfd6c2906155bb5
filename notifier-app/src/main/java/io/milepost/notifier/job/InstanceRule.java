package io.milepost.notifier.job;

import java.time.Instant;
import java.util.Objects;

/**
 * Which use of a job id a message (intent or board update) is about. A job id reused after its
 * terminal stage is a new job instance; the engine numbers instances ({@code instance} on the
 * wire), but its numbers cannot be trusted alone: an engine that lost its state numbers the rest of
 * an open instance anew. So the notifier decides from what it stored, robustly:
 *
 * <ul>
 *   <li>no number (older writers), or the stored one: the current instance;
 *   <li>another number while the current instance is closed: a new instance if the message happened
 *       after the close, else old news of the closed instance;
 *   <li>another number while the current instance is open: the engine rebuilt its state
 *       mid-instance, so the current instance (its number is adopted) — unless the message happened
 *       before the previous instance closed: then it is that earlier instance's old news (a
 *       replay), never the new customer's.
 * </ul>
 */
final class InstanceRule {
  private InstanceRule() {}

  enum Verdict {
    /** About the current instance. */
    CURRENT,
    /** The first message of the job id's next use. */
    NEW,
    /** About an earlier, closed instance: told nothing, and the board ignores it. */
    EARLIER
  }

  /**
   * What is stored of a job id's current instance.
   *
   * @param wireInstance the engine's number last seen for it, or null
   * @param closedAt when its terminal stage happened, or null while it is open
   * @param previousClosedAt when the instance before it closed, or null for the first one
   */
  record Current(Long wireInstance, Instant closedAt, Instant previousClosedAt) {
    boolean closed() {
      return closedAt != null;
    }
  }

  /**
   * @param current the current instance, or null when the job id was never seen
   * @param wireInstance the message's {@code instance}, or null from older writers
   * @param occurredAt the message's {@code occurredAt}
   */
  static Verdict decide(Current current, Long wireInstance, Instant occurredAt) {
    if (current == null) {
      return Verdict.NEW;
    }
    if (wireInstance == null || Objects.equals(wireInstance, current.wireInstance())) {
      return Verdict.CURRENT;
    }
    if (current.closed()) {
      return occurredAt.isAfter(current.closedAt()) ? Verdict.NEW : Verdict.EARLIER;
    }
    if (current.previousClosedAt() != null && !occurredAt.isAfter(current.previousClosedAt())) {
      return Verdict.EARLIER;
    }
    return Verdict.CURRENT;
  }
}
