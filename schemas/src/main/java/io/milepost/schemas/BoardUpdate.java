package io.milepost.schemas;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * board-update v1: the whole current state of one job. See {@code board-update.v1.json}. Readers
 * keep the highest {@code version} per job and drop older ones, so redelivery is harmless. {@code
 * instance} tells a reused job id's new use from the old one (null from older writers). {@code
 * etaReason} says why {@code etaAt} is what it is; {@code alerts} are the alerts open on the job
 * now (empty: none).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BoardUpdate(
    String tenantId,
    String locationId,
    String jobId,
    Journey journey,
    Stage stage,
    long version,
    Long instance,
    Instant occurredAt,
    Instant etaAt,
    Instant promisedAt,
    String note,
    List<TimelineEntry> timeline,
    Reason etaReason,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Alert> alerts) {

  public BoardUpdate {
    timeline = timeline == null ? List.of() : List.copyOf(timeline);
    alerts = alerts == null ? List.of() : List.copyOf(alerts);
  }

  /** A board update without a reason or alerts, as writers before those fields made them. */
  public BoardUpdate(
      String tenantId,
      String locationId,
      String jobId,
      Journey journey,
      Stage stage,
      long version,
      Long instance,
      Instant occurredAt,
      Instant etaAt,
      Instant promisedAt,
      String note,
      List<TimelineEntry> timeline) {
    this(
        tenantId,
        locationId,
        jobId,
        journey,
        stage,
        version,
        instance,
        occurredAt,
        etaAt,
        promisedAt,
        note,
        timeline,
        null,
        null);
  }

  @JsonIgnore
  public String key() {
    return JobKey.of(tenantId, jobId);
  }
}
