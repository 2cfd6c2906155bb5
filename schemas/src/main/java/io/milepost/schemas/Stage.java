package io.milepost.schemas;

import java.util.EnumSet;
import java.util.Set;

/**
 * A step of a journey. Declaration order is the journey's order: a job never moves to a stage that
 * comes before its current one. Terminal stages end the job; later events change nothing.
 */
public enum Stage {
  CHECKED_IN(Journey.VEHICLE_SERVICE, false),
  DIAGNOSING(Journey.VEHICLE_SERVICE, false),
  AWAITING_APPROVAL(Journey.VEHICLE_SERVICE, false),
  WAITING_FOR_PARTS(Journey.VEHICLE_SERVICE, false),
  IN_REPAIR(Journey.VEHICLE_SERVICE, false),
  QUALITY_CHECK(Journey.VEHICLE_SERVICE, false),
  READY_FOR_PICKUP(Journey.VEHICLE_SERVICE, false),
  COLLECTED(Journey.VEHICLE_SERVICE, true),

  CREATED(Journey.DELIVERY, false),
  PICKED_UP(Journey.DELIVERY, false),
  IN_TRANSIT(Journey.DELIVERY, false),
  OUT_FOR_DELIVERY(Journey.DELIVERY, false),
  DELIVERED(Journey.DELIVERY, true),
  // A failed attempt is not the end: the parcel goes out again or is returned.
  DELIVERY_FAILED(Journey.DELIVERY, false),
  RETURNED(Journey.DELIVERY, true);

  private final Journey journey;
  private final boolean terminal;

  Stage(Journey journey, boolean terminal) {
    this.journey = journey;
    this.terminal = terminal;
  }

  public Journey journey() {
    return journey;
  }

  public boolean terminal() {
    return terminal;
  }

  private static final int[] POSITIONS = new int[values().length];

  static {
    for (Journey each : Journey.values()) {
      int position = 0;
      for (Stage stage : values()) {
        if (stage.journey == each) {
          POSITIONS[stage.ordinal()] = position++;
        }
      }
    }
  }

  /**
   * Earlier stages a job may go back to from this one: after a failed delivery attempt the parcel
   * goes back into transit or out again, or is handed over after all. Every other backward move is
   * a late or replayed event and changes nothing.
   */
  public Set<Stage> retries() {
    return this == DELIVERY_FAILED ? EnumSet.of(IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED) : Set.of();
  }

  /** Position within its journey, 0 for the first stage. */
  public int position() {
    return POSITIONS[ordinal()];
  }
}
