package io.milepost.notifier.job;

import io.milepost.schemas.Alert;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Reason;
import io.milepost.schemas.Stage;
import io.milepost.schemas.TimelineEntry;
import java.time.Instant;
import java.util.List;

/**
 * What the notifier knows of one job instance (one use of a job id): the latest board state plus
 * its tracking token.
 *
 * @param instance the notifier's number for this use of the job id: 1, then 2 once the id is reused
 *     after a terminal stage, ...
 * @param etaReason why {@code etaAt} is what it is, as the latest board update said; null when it
 *     did not say
 * @param alerts the alerts open on the job as of the latest board update (empty: none)
 */
public record Job(
    String tenantId,
    String jobId,
    long instance,
    String locationId,
    Journey journey,
    Stage stage,
    long version,
    List<TimelineEntry> timeline,
    Instant etaAt,
    Instant promisedAt,
    String note,
    String trackingToken,
    Instant updatedAt,
    Reason etaReason,
    List<Alert> alerts) {

  public Job {
    alerts = alerts == null ? List.of() : List.copyOf(alerts);
  }

  /** Which job instance this is, as a key. */
  public InstanceKey instanceKey() {
    return new InstanceKey(tenantId, jobId, instance);
  }
}
