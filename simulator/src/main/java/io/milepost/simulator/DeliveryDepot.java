package io.milepost.simulator;

import static io.milepost.simulator.Durations.chance;
import static io.milepost.simulator.Durations.minutes;
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

  private static final List<Location> LOCATIONS =
      List.of(new Location("depot-north", "America/New_York", List.of("617", "508", "781")));

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
  public List<OpsEvent> play(Random random, long sequence, Instant start) {
    Location location = pick(random, LOCATIONS);
    Customer customer = People.customer(random, location.areaCodes(), location.timeZone());
    String parcel = "PCL-" + (10_000 + sequence) + "-" + (char) ('A' + sequence % 26);
    Instant promisedAt = Durations.roundUpToHalfHour(start.plus(minutes(random, 480, 660)));

    JobEvents events = new JobEvents(TENANT, location.id(), parcel, Journey.DELIVERY, "scan");
    Instant at = start;
    events.add(
        Stage.CREATED, at, "Parcel from " + pick(random, SENDERS), promisedAt, null, customer);
    at = at.plus(minutes(random, 20, 90));
    events.add(Stage.PICKED_UP, at, "Picked up from the sender");
    at = at.plus(minutes(random, 10, 40));
    events.add(Stage.IN_TRANSIT, at, "On its way to " + location.id());
    at = at.plus(minutes(random, 60, 240));
    Instant eta =
        chance(random, 0.7) ? Durations.roundUpToHalfHour(at.plus(minutes(random, 60, 240))) : null;
    events.add(
        Stage.OUT_FOR_DELIVERY,
        at,
        "Driver " + pick(random, DRIVERS) + " has your parcel",
        null,
        eta,
        null);
    at = at.plus(minutes(random, 20, 200));
    if (chance(random, 0.85)) {
      events.add(Stage.DELIVERED, at, pick(random, HANDOVERS));
      return events.list();
    }
    events.add(Stage.DELIVERY_FAILED, at, "Nobody home; we will try again tomorrow");
    at = at.plus(minutes(random, 14 * 60, 18 * 60));
    events.add(
        Stage.OUT_FOR_DELIVERY,
        at,
        "Second attempt: driver " + pick(random, DRIVERS) + " is on the way");
    at = at.plus(minutes(random, 20, 200));
    if (chance(random, 0.75)) {
      events.add(Stage.DELIVERED, at, pick(random, HANDOVERS));
      return events.list();
    }
    events.add(Stage.DELIVERY_FAILED, at, "Second attempt failed: nobody home");
    at = at.plus(minutes(random, 60, 180));
    events.add(Stage.RETURNED, at, "Returned to the sender after two attempts");
    return events.list();
  }
}
