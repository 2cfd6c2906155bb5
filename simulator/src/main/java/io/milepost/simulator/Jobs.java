package io.milepost.simulator;

import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.WireCodec;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/** The mix of businesses a run simulates, and how an event becomes a record. */
final class Jobs {
  private static final JobScript SERVICE_LANE = new ServiceLane();
  private static final JobScript DELIVERY_DEPOT = new DeliveryDepot();

  /** Share of jobs that are car repairs; the rest are parcels. */
  private static final double SERVICE_SHARE = 0.6;

  private Jobs() {}

  /** Every business a run simulates. */
  static final List<JobScript> SCRIPTS = List.of(SERVICE_LANE, DELIVERY_DEPOT);

  static List<OpsEvent> next(Random random, long sequence, Instant start) {
    JobScript script = random.nextDouble() < SERVICE_SHARE ? SERVICE_LANE : DELIVERY_DEPOT;
    return script.play(random, sequence, start);
  }

  static SimulatedEvent original(OpsEvent event) {
    return new SimulatedEvent(
        event.key(),
        WireCodec.OPS_EVENT.encode(event),
        event.occurredAt(),
        event,
        SimulatedEvent.Kind.ORIGINAL,
        // The note tells a stage entry from a progress update on the same stage in the log.
        event.note() == null ? event.stage().name() : event.stage() + ": " + event.note());
  }
}
