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
 * now (empty: none). {@code promiseKept} is set once the job reached its goal with a promise:
 * whether it got there by {@code promisedAt} (null before, or without a promise).
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
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Alert> alerts,
    Boolean promiseKept) {

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
        null,
        null);
  }

  /** A board update without {@code promiseKept}, as writers before that field made them. */
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
      List<TimelineEntry> timeline,
      Reason etaReason,
      List<Alert> alerts) {
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
        etaReason,
        alerts,
        null);
  }

  @JsonIgnore
  public String key() {
    return JobKey.of(tenantId, jobId);
  }
}
