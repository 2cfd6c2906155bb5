package io.milepost.simulator;

import io.milepost.schemas.Customer;
import io.milepost.schemas.Journey;
import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.Stage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Collects the events of one job and numbers them the way producer systems do: a source prefix, the
 * job id, then a counter. Unique per run as long as job ids are.
 */
final class JobEvents {
  private final String tenantId;
  private final String locationId;
  private final String jobId;
  private final Journey journey;
  private final String eventIdPrefix;
  private final List<OpsEvent> events = new ArrayList<>();

  JobEvents(
      String tenantId, String locationId, String jobId, Journey journey, String eventIdPrefix) {
    this.tenantId = tenantId;
    this.locationId = locationId;
    this.jobId = jobId;
    this.journey = journey;
    this.eventIdPrefix = eventIdPrefix;
  }

  void add(Stage stage, Instant at, String note) {
    add(stage, at, note, null, null, null);
  }

  void add(
      Stage stage, Instant at, String note, Instant promisedAt, Instant etaAt, Customer customer) {
    String eventId = String.format("%s-%s-%04d", eventIdPrefix, jobId, events.size() + 1);
    events.add(
        new OpsEvent(
            eventId,
            tenantId,
            locationId,
            jobId,
            journey,
            stage,
            at,
            promisedAt,
            etaAt,
            note,
            customer));
  }

  /**
   * The producer's progress updates while the job stays in {@code stage} from {@code from} until
   * {@code until} (exclusive): the same stage again with a note, one every {@link
   * Timing#UPDATE_GAP}, so no gap reaches the silence limit. Unless nobody reports on this stage
   * ({@link Timing#UNREPORTED}): then a stage longer than the limit is a silence.
   */
  void progress(Random random, Stage stage, Instant from, Instant until, String note) {
    if (Durations.chance(random, Timing.UNREPORTED)) {
      return;
    }
    for (Instant at = from.plus(Timing.UPDATE_GAP.draw(random));
        at.isBefore(until);
        at = at.plus(Timing.UPDATE_GAP.draw(random))) {
      add(stage, at, note);
    }
  }

  List<OpsEvent> list() {
    return events;
  }
}
