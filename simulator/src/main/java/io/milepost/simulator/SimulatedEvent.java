package io.milepost.simulator;

import io.milepost.schemas.OpsEvent;
import java.time.Instant;

/**
 * One record the simulator sends: the Kafka key, the exact bytes, and when (in simulated time) a
 * producer would send it.
 *
 * @param event the decoded event; null only for {@link Kind#MALFORMED}
 * @param sentAt simulated send time; equals {@code event.occurredAt()} for originals, later for
 *     duplicates (a producer retrying) and the malformed one
 */
public record SimulatedEvent(
    String key, byte[] payload, Instant sentAt, OpsEvent event, Kind kind, String description) {

  public enum Kind {
    /** A fresh event, valid against the contract. */
    ORIGINAL,
    /** The same bytes (same eventId) as an earlier original: an at-least-once producer retry. */
    DUPLICATE,
    /** Bytes that violate the contract: must end on the dead-letter topic, never stop anything. */
    MALFORMED
  }

  /** A one-line summary for progress output: job, stage and what is special about it. */
  @Override
  public String toString() {
    return key + " " + description;
  }
}
