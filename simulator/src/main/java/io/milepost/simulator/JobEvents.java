package io.milepost.simulator;

import io.milepost.schemas.Customer;
import io.milepost.schemas.Journey;
import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.Stage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

  List<OpsEvent> list() {
    return events;
  }
}
