package io.milepost.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * customer-event v1: what a customer said, or what the notifier learned about reaching them, for
 * the boards. See {@code customer-event.v1.json}.
 *
 * @param eventId the same when published again: readers keep one
 * @param locationId the job's location; null when no job is concerned (an opt-out by phone)
 * @param jobId the job concerned, or null
 * @param instance the use of the job id concerned, or null
 * @param lowScore for a SCORE: at or under the alert threshold
 * @param body the customer's words as received
 * @param reason for UNREACHABLE: why the phone cannot get SMS
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CustomerEvent(
    String eventId,
    Kind kind,
    String tenantId,
    String locationId,
    String jobId,
    Long instance,
    Instant occurredAt,
    Decision decision,
    Integer score,
    Boolean lowScore,
    String body,
    Unreachable reason) {

  public enum Kind {
    DECISION,
    SCORE,
    MESSAGE,
    OPTED_OUT,
    OPTED_IN,
    UNREACHABLE
  }

  public enum Decision {
    APPROVED,
    DECLINED
  }

  public enum Unreachable {
    OPTED_OUT,
    INVALID_NUMBER,
    LANDLINE,
    UNREACHABLE
  }

  /** The Kafka key: the job's, as intents and board updates, or the tenant's alone. */
  public String key() {
    return jobId == null ? tenantId : tenantId + "/" + jobId;
  }
}
