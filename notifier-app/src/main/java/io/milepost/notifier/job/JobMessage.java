package io.milepost.notifier.job;

import io.milepost.schemas.BoardUpdate;
import io.milepost.schemas.Intent;
import io.milepost.schemas.JobKey;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Stage;
import java.time.Instant;

/**
 * What an intent or a board update says about a job that decides which instance it is about, and
 * what a new instance starts from.
 *
 * @param instance the engine's instance number, or null from older writers
 */
public record JobMessage(
    String tenantId,
    String jobId,
    String locationId,
    Journey journey,
    Stage stage,
    Long instance,
    Instant occurredAt) {

  /** The job id's key, as on Kafka: {@code tenantId/jobId}. */
  public String key() {
    return JobKey.of(tenantId, jobId);
  }

  public static JobMessage of(Intent intent) {
    return new JobMessage(
        intent.tenantId(),
        intent.jobId(),
        intent.locationId(),
        intent.journey(),
        intent.stage(),
        intent.instance(),
        intent.occurredAt());
  }

  public static JobMessage of(BoardUpdate update) {
    return new JobMessage(
        update.tenantId(),
        update.jobId(),
        update.locationId(),
        update.journey(),
        update.stage(),
        update.instance(),
        update.occurredAt());
  }
}
