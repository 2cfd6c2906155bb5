package io.milepost.schemas;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * board-update v1: the whole current state of one job. See {@code board-update.v1.json}. Readers
 * keep the highest {@code version} per job and drop older ones, so redelivery is harmless. {@code
 * instance} tells a reused job id's new use from the old one (null from older writers).
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
    List<TimelineEntry> timeline) {

  public BoardUpdate {
    timeline = timeline == null ? List.of() : List.copyOf(timeline);
  }

  @JsonIgnore
  public String key() {
    return JobKey.of(tenantId, jobId);
  }
}
