package io.milepost.stream.learning;

import io.milepost.schemas.Journey;
import io.milepost.schemas.Stage;
import io.milepost.stream.eta.StageStats;

/**
 * One job's passage of one stage, observed when the job moved on: how long it spent there, or that
 * it skipped the stage on its way to a later one. What {@link DurationLearner} learns from.
 *
 * @param locationId where the job was while in the stage
 * @param durationMillis how long the job was in the stage; null when it skipped it
 */
public record StagePassage(
    String tenantId, String locationId, Journey journey, Stage stage, Long durationMillis) {

  /** Whether the job went through the stage (rather than past it). */
  public boolean entered() {
    return durationMillis != null;
  }

  /** The learner's key: tenant, location, journey and stage. */
  public String learnerKey() {
    return StageStats.key(tenantId, locationId, journey, stage);
  }
}
