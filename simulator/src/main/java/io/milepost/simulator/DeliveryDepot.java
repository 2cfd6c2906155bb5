package io.milepost.simulator;

import static io.milepost.simulator.Durations.chance;
import static io.milepost.simulator.Durations.pick;

import io.milepost.schemas.Customer;
import io.milepost.schemas.Journey;
import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.Stage;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * A parcel depot: a parcel is created, picked up, travels, goes out for delivery and is delivered.
 * Some attempts fail; the parcel then goes out again the next day (the one backward move the
 * contract allows, {@link Stage#retries()}) and is delivered, or fails again and is returned.
 */
final class DeliveryDepot implements JobScript {
  static final String TENANT = "swift-parcels";

  static final List<Location> LOCATIONS =
      List.of(
          new Location(
              "depot-north",
              "America/New_York",
              List.of("617", "508", "781"),
              Timing.DEPOT_NORTH_PACE));

  private static final List<String> SENDERS =
      List.of(
          "Northwind Outfitters",
          "Bluebird Books",
          "Corner Pharmacy",
          "Helix Electronics",
          "Greenleaf Garden Supply",
          "Maple & Pine Home");

  private static final List<String> HANDOVERS =
      List.of(
          "Handed to the customer",
          "Left with a neighbour at no. 12",
          "Left in the parcel locker at Main St",
          "Left at the front desk");

  private static final List<String> DRIVERS = List.of("Alex", "Jordan", "Riley", "Casey", "Morgan");

  @Override
  public String tenantId() {
    return TENANT;
  }

  @Override
  public Journey journey() {
    return Journey.DELIVERY;
  }

  @Override
  public List<Location> locations() {
    return LOCATIONS;
  }

  @Override
  public List<OpsEvent> play(Random random, long sequence, Instant start) {
    Location location = pick(random, LOCATIONS);
    double pace = location.pace();
    Customer customer = People.customer(random, location.areaCodes(), location.timeZone());
    String parcel = "PCL-" + (10_000 + sequence) + "-" + (char) ('A' + sequence % 26);
    Instant promisedAt = Durations.roundUpToHalfHour(start.plus(Timing.DELIVERY_PROMISE));

    JobEvents events = new JobEvents(TENANT, location.id(), parcel, journey(), "scan");
    Instant at = start;
    events.add(
        Stage.CREATED, at, "Parcel from " + pick(random, SENDERS), promisedAt, null, customer);
    Instant next = at.plus(Timing.HANDOVER.draw(random, pace));
    events.progress(random, Stage.CREATED, at, next, "Waiting for the sender's hand-over");
    at = next;
    events.add(Stage.PICKED_UP, at, "Picked up from the sender");
    next = at.plus(Timing.TO_DEPOT.draw(random, pace));
    events.progress(random, Stage.PICKED_UP, at, next, "On the van to the depot");
    at = next;
    events.add(Stage.IN_TRANSIT, at, "On its way to " + location.id());
    next = at.plus(Timing.LINE_HAUL.draw(random, pace));
    events.progress(random, Stage.IN_TRANSIT, at, next, "Scanned at a hub");
    at = next;
    if (chance(random, Timing.STALL)) {
      // Held at a hub without a scan: a silence, then the parcel moves on.
      at = at.plus(Timing.STALL_LENGTH.draw(random));
    }
    at =
        outForDelivery(
            random, events, at, pace, "Driver " + pick(random, DRIVERS) + " has your parcel");
    if (!chance(random, Timing.DEPOT_NORTH_FIRST_ATTEMPT_FAILS)) {
      events.add(Stage.DELIVERED, at, pick(random, HANDOVERS));
      return events.list();
    }
    events.add(Stage.DELIVERY_FAILED, at, "Nobody home; we will try again tomorrow");
    next = at.plus(Timing.NEXT_ATTEMPT.draw(random));
    events.progress(random, Stage.DELIVERY_FAILED, at, next, "Another attempt is scheduled");
    at =
        outForDelivery(
            random,
            events,
            next,
            pace,
            "Second attempt: driver " + pick(random, DRIVERS) + " is on the way");
    if (!chance(random, Timing.DEPOT_NORTH_SECOND_ATTEMPT_FAILS)) {
      events.add(Stage.DELIVERED, at, pick(random, HANDOVERS));
      return events.list();
    }
    events.add(Stage.DELIVERY_FAILED, at, "Second attempt failed: nobody home");
    next = at.plus(Timing.RETURN.draw(random));
    events.progress(random, Stage.DELIVERY_FAILED, at, next, "Going back to the sender");
    at = next;
    events.add(Stage.RETURNED, at, "Returned to the sender after two attempts");
    return events.list();
  }

  /**
   * A delivery round from {@code at}, with the route planner's ETA (its typical time to reach an
   * address) when it sends one; returns when the driver reaches the door.
   */
  private static Instant outForDelivery(
      Random random, JobEvents events, Instant at, double pace, String note) {
    Instant eta =
        chance(random, Timing.ROUND_ETA_POSTED)
            ? Durations.roundUpToHalfHour(at.plus(Timing.ROUND.median(pace)))
            : null;
    events.add(Stage.OUT_FOR_DELIVERY, at, note, null, eta, null);
    Instant door = at.plus(Timing.ROUND.draw(random, pace));
    events.progress(random, Stage.OUT_FOR_DELIVERY, at, door, "On the round");
    return door;
  }
}
