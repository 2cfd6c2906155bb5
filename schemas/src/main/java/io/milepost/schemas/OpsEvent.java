package io.milepost.schemas;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** ops-event v1: one step of a job reported by a producer. See {@code ops-event.v1.json}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OpsEvent(
    String eventId,
    String tenantId,
    String locationId,
    String jobId,
    Journey journey,
    Stage stage,
    Instant occurredAt,
    Instant promisedAt,
    Instant etaAt,
    String note,
    Customer customer) {

  /** The Kafka record key: all events of one job land on one partition, in order. */
  @JsonIgnore
  public String key() {
    return JobKey.of(tenantId, jobId);
  }
}
