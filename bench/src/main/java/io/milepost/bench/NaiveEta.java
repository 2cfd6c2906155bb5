package io.milepost.bench;

import io.milepost.schemas.Journey;
import io.milepost.schemas.Rules;
import io.milepost.schemas.Stage;
import java.time.Duration;
import java.time.Instant;

/**
 * The naive ETA the engine's is scored against: when a job enters a stage, the entry time plus the
 * default SLA of that stage and of every stage after it up to the journey's goal (the first later
 * stage that is terminal or waits on the customer under {@link Rules#defaults}: READY_FOR_ PICKUP
 * for a car, DELIVERED for a parcel). No learning, no skips, no producer ETA. Written here, apart
 * from the engine's {@code Eta}, so that the baseline does not move when the engine does.
 */
final class NaiveEta {
  private static final Rules DEFAULTS = Rules.defaults("naive");

  private NaiveEta() {}

  /** The naive ETA of a job that entered {@code stage} at {@code enteredAt}. */
  static Instant at(Journey journey, Stage stage, Instant enteredAt) {
    if (isGoal(stage)) {
      return enteredAt;
    }
    Duration total = DEFAULTS.sla(journey, stage).orElseThrow();
    for (Stage next : journey.stages()) {
      if (next.position() <= stage.position()) {
        continue;
      }
      if (isGoal(next)) {
        break;
      }
      total = total.plus(DEFAULTS.sla(journey, next).orElseThrow());
    }
    return enteredAt.plus(total);
  }

  static boolean isGoal(Stage stage) {
    return stage.terminal() || !DEFAULTS.waitsOnBusiness(stage);
  }
}
