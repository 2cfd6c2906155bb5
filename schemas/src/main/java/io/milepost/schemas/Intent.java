package io.milepost.schemas;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * intent v1: something a customer should be told. See {@code intent.v1.json}.
 *
 * @param intentId deterministic for the same input: the notifier's idempotency key
 * @param version the job's version this intent was decided at
 * @param instance which use of the job id: the version at which it began (null from older writers)
 * @param occurrence the count of this kind within the instance, for kinds that recur without a
 *     stage change; null otherwise
 * @param customer present only on intents of events that carried it
 * @param reason why the ETA is what it is, or why the customer hears of a delay (ETA_CHANGED,
 *     DELAY_RISK always; other kinds when known)
 * @param stagesPassed the stages a digest collapsed into this intent, oldest first, before {@code
 *     stage}; empty when none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Intent(
    String intentId,
    IntentKind kind,
    String tenantId,
    String locationId,
    String jobId,
    Journey journey,
    Stage stage,
    Stage previousStage,
    long version,
    Long instance,
    Integer occurrence,
    Instant occurredAt,
    Instant etaAt,
    Instant promisedAt,
    String note,
    Customer customer,
    String sourceEventId,
    Reason reason,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Stage> stagesPassed) {

  public Intent {
    stagesPassed = stagesPassed == null ? List.of() : List.copyOf(stagesPassed);
  }

  /** An intent without a reason or digested stages, as writers before those fields made them. */
  public Intent(
      String intentId,
      IntentKind kind,
      String tenantId,
      String locationId,
      String jobId,
      Journey journey,
      Stage stage,
      Stage previousStage,
      long version,
      Long instance,
      Integer occurrence,
      Instant occurredAt,
      Instant etaAt,
      Instant promisedAt,
      String note,
      Customer customer,
      String sourceEventId) {
    this(
        intentId,
        kind,
        tenantId,
        locationId,
        jobId,
        journey,
        stage,
        previousStage,
        version,
        instance,
        occurrence,
        occurredAt,
        etaAt,
        promisedAt,
        note,
        customer,
        sourceEventId,
        null,
        null);
  }

  /** The id an intent of this kind gets for this job at this version; the same on every replay. */
  public static String idFor(String tenantId, String jobId, IntentKind kind, long version) {
    return JobKey.of(tenantId, jobId) + "/" + kind + "/" + version;
  }

  /**
   * The id of an intent of a kind that recurs without a change of version (DELAY_RISK,
   * STAGE_OVERRUN, SILENCE, ETA_CHANGED, timer-driven ones among them): the same on every replay,
   * distinct per instance and occurrence.
   */
  public static String idForOccurrence(
      String tenantId, String jobId, IntentKind kind, long instance, int occurrence) {
    return JobKey.of(tenantId, jobId) + "/" + kind + "/" + instance + "/" + occurrence;
  }

  /**
   * The id of an intent caused by one event rather than by a change of version (CONTACT_CHANGED):
   * stable on replay, distinct for each event.
   */
  public static String idForEvent(String tenantId, String jobId, IntentKind kind, String eventId) {
    return JobKey.of(tenantId, jobId) + "/" + kind + "/event/" + eventId;
  }

  @JsonIgnore
  public String key() {
    return JobKey.of(tenantId, jobId);
  }
}
