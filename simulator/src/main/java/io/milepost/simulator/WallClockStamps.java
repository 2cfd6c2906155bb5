package io.milepost.simulator;

import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.WireCodec;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stamps a simulated day's records as they are sent: {@code occurredAt} is the wall-clock time of
 * the send, and the promise and ETA keep their distance from it, compressed like every other
 * duration of the day. A duplicate repeats the bytes its original was sent with, as a producer's
 * retry does.
 */
final class WallClockStamps {
  private final CompressedClock clock;
  private final Map<String, byte[]> sentOriginals = new HashMap<>();

  WallClockStamps(CompressedClock clock) {
    this.clock = clock;
  }

  /** The record as it leaves now; {@code sentAt} stays simulated, for the progress line. */
  SimulatedEvent stamp(SimulatedEvent record) {
    Instant now = clock.now();
    return switch (record.kind()) {
      case ORIGINAL -> {
        OpsEvent event = stamp(record.event(), now);
        byte[] payload = WireCodec.OPS_EVENT.encode(event);
        sentOriginals.put(event.eventId(), payload);
        yield withPayload(record, payload, event);
      }
      case DUPLICATE -> {
        byte[] payload = sentOriginals.get(record.event().eventId());
        if (payload == null) {
          throw new IllegalStateException("a duplicate before its original: " + record);
        }
        yield withPayload(record, payload, decode(payload));
      }
      case MALFORMED -> withPayload(record, stampMalformed(record.payload(), now), null);
    };
  }

  private OpsEvent stamp(OpsEvent event, Instant now) {
    return new OpsEvent(
        event.eventId(),
        event.tenantId(),
        event.locationId(),
        event.jobId(),
        event.journey(),
        event.stage(),
        now,
        wall(event.promisedAt()),
        wall(event.etaAt()),
        event.note(),
        event.customer());
  }

  /** Stamped too, so that it is refused for its stage, the one thing wrong with it. */
  private byte[] stampMalformed(byte[] payload, Instant now) {
    ObjectNode node = (ObjectNode) WireCodec.MAPPER.readTree(payload);
    node.put("occurredAt", now.toString());
    JsonNode eta = node.get("etaAt");
    if (eta != null) {
      node.put("etaAt", wall(Instant.parse(eta.asString())).toString());
    }
    return WireCodec.MAPPER.writeValueAsBytes(node);
  }

  private Instant wall(Instant simulated) {
    return simulated == null ? null : clock.toWall(simulated);
  }

  private static SimulatedEvent withPayload(SimulatedEvent record, byte[] payload, OpsEvent event) {
    return new SimulatedEvent(
        record.key(), payload, record.sentAt(), event, record.kind(), record.description());
  }

  private static OpsEvent decode(byte[] payload) {
    try {
      return WireCodec.OPS_EVENT.decode(payload);
    } catch (Exception e) {
      throw new IllegalStateException("the simulator wrote an invalid event", e);
    }
  }
}
