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
 * A dealer's service lane: a car is checked in, diagnosed, the customer approves an estimate, parts
 * may be ordered, the repair is done and checked, and the car is collected. Jobs skip stages the
 * way real ones do (no estimate for a recall, no parts for a routine service).
 */
final class ServiceLane implements JobScript {
  static final String TENANT = "acme-motors";

  private static final List<Location> LOCATIONS =
      List.of(
          new Location("springfield", "America/Chicago", List.of("217", "309")),
          new Location("shelbyville", "America/Chicago", List.of("618", "217")));

  /** What brought the car in; {@code partsNote} null when no parts need ordering. */
  private record Concern(String description, boolean needsApproval, String partsNote) {}

  private static final List<Concern> CONCERNS =
      List.of(
          new Concern(
              "Annual service and brake inspection",
              true,
              "Brake pads ordered, arriving this afternoon"),
          new Concern(
              "Check engine light is on", true, "Oxygen sensor ordered from the distributor"),
          new Concern("Grinding noise when braking", true, "Front rotors and pads ordered"),
          new Concern("60,000-mile service", false, null),
          new Concern("Tire rotation and wheel alignment", false, null),
          new Concern("A/C is not cooling", true, "A/C compressor clutch ordered"),
          new Concern("Recall campaign: fuel pump", false, "Recall part reserved at the warehouse"),
          new Concern("Oil leak under the engine", true, "Oil pan gasket ordered"),
          new Concern("Battery keeps dying", true, null),
          new Concern("Windshield wipers and cabin filter", false, null));

  @Override
  public String tenantId() {
    return TENANT;
  }

  @Override
  public List<OpsEvent> play(Random random, long sequence, Instant start) {
    Location location = pick(random, LOCATIONS);
    Concern concern = pick(random, CONCERNS);
    Customer customer = People.customer(random, location.areaCodes(), location.timeZone());
    boolean partsOrdered = concern.partsNote() != null && chance(random, 0.8);
    Instant promisedAt =
        Durations.roundUpToHalfHour(
            start.plus(partsOrdered ? minutes(random, 420, 540) : minutes(random, 240, 360)));

    JobEvents events =
        new JobEvents(
            TENANT, location.id(), "RO-" + (100_000 + sequence), Journey.VEHICLE_SERVICE, "dms");
    Instant at = start;
    events.add(Stage.CHECKED_IN, at, concern.description(), promisedAt, null, customer);

    at = at.plus(minutes(random, 8, 25));
    events.add(Stage.DIAGNOSING, at, "A technician is inspecting your vehicle");

    if (concern.needsApproval() || chance(random, 0.2)) {
      at = at.plus(minutes(random, 35, 80));
      int estimate = 120 + random.nextInt(780);
      events.add(
          Stage.AWAITING_APPROVAL, at, "Estimate sent: $" + estimate + ". Reply YES to approve.");
      at = at.plus(minutes(random, 15, 90));
    } else {
      at = at.plus(minutes(random, 20, 45));
    }

    if (partsOrdered) {
      events.add(Stage.WAITING_FOR_PARTS, at, concern.partsNote());
      Instant partsArrive = at.plus(minutes(random, 60, 300));
      // A parts delay is the producer's best knowledge of the new finish: an explicit ETA that
      // sometimes lands past the promise, which is what delay-risk intents are for.
      if (chance(random, 0.5)) {
        Instant eta = Durations.roundUpToHalfHour(partsArrive.plus(minutes(random, 120, 240)));
        events.add(Stage.WAITING_FOR_PARTS, at.plus(minutes(random, 5, 20)), null, null, eta, null);
      }
      at = partsArrive;
    }

    events.add(Stage.IN_REPAIR, at, chance(random, 0.5) ? "Work has started" : null);
    at = at.plus(minutes(random, 60, 180));
    events.add(Stage.QUALITY_CHECK, at, "Road test and final inspection");
    at = at.plus(minutes(random, 15, 35));
    events.add(Stage.READY_FOR_PICKUP, at, "Your vehicle is ready. We are open until 6 pm.");
    if (chance(random, 0.9)) {
      at = at.plus(minutes(random, 20, 240));
      events.add(Stage.COLLECTED, at, "Thank you for choosing Acme Motors");
    }
    return events.list();
  }
}
