package io.milepost.simulator;

import static io.milepost.simulator.Durations.chance;
import static io.milepost.simulator.Durations.minutes;
import static io.milepost.simulator.Durations.pick;

import io.milepost.schemas.Customer;
import io.milepost.schemas.Journey;
import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.Stage;
import java.time.Duration;
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

  static final List<Location> LOCATIONS =
      List.of(
          new Location(
              "springfield", "America/Chicago", List.of("217", "309"), Timing.SPRINGFIELD_PACE),
          new Location(
              "shelbyville", "America/Chicago", List.of("618", "217"), Timing.SHELBYVILLE_PACE));

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
  public Journey journey() {
    return Journey.VEHICLE_SERVICE;
  }

  @Override
  public List<Location> locations() {
    return LOCATIONS;
  }

  @Override
  public List<OpsEvent> play(Random random, long sequence, Instant start) {
    Location location = pick(random, LOCATIONS);
    double pace = location.pace();
    Concern concern = pick(random, CONCERNS);
    Customer customer = People.customer(random, location.areaCodes(), location.timeZone());
    boolean partsOrdered = concern.partsNote() != null && chance(random, Timing.PARTS_NOT_IN_STOCK);
    Instant promisedAt =
        Durations.roundUpToHalfHour(start.plus(quote(concern.needsApproval(), partsOrdered)));

    JobEvents events =
        new JobEvents(TENANT, location.id(), "RO-" + (100_000 + sequence), journey(), "dms");
    Instant at = start;
    events.add(Stage.CHECKED_IN, at, concern.description(), promisedAt, null, customer);
    Instant next = at.plus(Timing.WRITE_UP.draw(random, pace));
    events.progress(random, Stage.CHECKED_IN, at, next, "In the queue for a technician");

    at = next;
    events.add(Stage.DIAGNOSING, at, "A technician is inspecting your vehicle");
    next = at.plus(Timing.DIAGNOSIS.draw(random, pace));
    events.progress(random, Stage.DIAGNOSING, at, next, "Still diagnosing");
    at = next;

    if (concern.needsApproval() || chance(random, Timing.UNPLANNED_ESTIMATE)) {
      int estimate = 120 + random.nextInt(780);
      events.add(
          Stage.AWAITING_APPROVAL, at, "Estimate sent: $" + estimate + ". Reply YES to approve.");
      next = at.plus(Timing.APPROVAL.draw(random));
      events.progress(
          random, Stage.AWAITING_APPROVAL, at, next, "Reminder: the estimate awaits your reply");
      at = next;
    }

    if (partsOrdered) {
      events.add(Stage.WAITING_FOR_PARTS, at, concern.partsNote());
      Instant partsArrive = at.plus(Timing.PARTS.draw(random, pace));
      // The distributor's delivery date, posted by the DMS: the producer's best knowledge of the
      // finish, an explicit ETA that often lands past the promise (what DELAY_RISK is for).
      if (chance(random, Timing.PARTS_ETA_POSTED)) {
        Instant eta =
            Durations.roundUpToHalfHour(
                partsArrive
                    .plus(Timing.REPAIR.median(pace))
                    .plus(Timing.QUALITY_CHECK.median(pace)));
        at = at.plus(minutes(random, 5, 20));
        events.add(Stage.WAITING_FOR_PARTS, at, null, null, eta, null);
      }
      events.progress(
          random,
          Stage.WAITING_FOR_PARTS,
          at,
          partsArrive,
          "Parts on their way from the distributor");
      at = partsArrive;
    }

    events.add(Stage.IN_REPAIR, at, chance(random, 0.5) ? "Work has started" : null);
    next = at.plus(Timing.REPAIR.draw(random, pace));
    events.progress(random, Stage.IN_REPAIR, at, next, "Work in progress");
    at = next;
    if (chance(random, Timing.STALL)) {
      // The car waits for a lift, nobody says so: a silence, then the job resumes.
      at = at.plus(Timing.STALL_LENGTH.draw(random));
    }
    events.add(Stage.QUALITY_CHECK, at, "Road test and final inspection");
    next = at.plus(Timing.QUALITY_CHECK.draw(random, pace));
    events.progress(random, Stage.QUALITY_CHECK, at, next, "Final checks in progress");
    at = next;
    events.add(Stage.READY_FOR_PICKUP, at, "Your vehicle is ready. We are open until 6 pm.");
    if (!chance(random, Timing.NEVER_COLLECTED)) {
      at = at.plus(Timing.PICKUP.draw(random));
      events.add(Stage.COLLECTED, at, "Thank you for choosing Acme Motors");
    }
    return events.list();
  }

  /**
   * The service advisor's promise, from the work planned: Springfield's typical durations, the
   * parts "arriving this afternoon", and a margin. Optimistic by design: it knows neither the tail
   * of a parts wait nor which shop is slow, so a share of promises breaks.
   */
  static Duration quote(boolean approval, boolean parts) {
    Duration quote =
        Timing.WRITE_UP
            .median(1)
            .plus(Timing.DIAGNOSIS.median(1))
            .plus(Timing.REPAIR.median(1))
            .plus(Timing.QUALITY_CHECK.median(1))
            .plus(Timing.ADVISOR_MARGIN);
    if (approval) {
      quote = quote.plus(Timing.APPROVAL.median(1));
    }
    return parts ? quote.plus(Timing.QUOTED_PARTS) : quote;
  }
}
