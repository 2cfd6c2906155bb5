package io.milepost.stream.metrics;

import io.milepost.schemas.JobKey;
import java.time.Instant;

/**
 * One thing that happened to a location's customer experience, for {@link LocationCxFunction} to
 * count. Keyed by {@code tenantId/locationId}.
 *
 * @param at the event time it happened; for a dead letter, the wall clock when it was set aside
 * @param value seconds for {@link Kind#FIRST_UPDATE}, {@link Kind#SILENCE_ENDED} and {@link
 *     Kind#JOB_SILENT}; the instance's customer updates for {@link Kind#JOB_CLOSED}; else 0
 * @param jobId the job, or null for a dead letter
 */
public record CxFact(
    String tenantId, String locationId, Kind kind, Instant at, long value, String jobId) {

  public enum Kind {
    /** A job instance's first customer update. */
    FIRST_UPDATE,
    /** Any customer intent (not CONTACT_CHANGED). */
    CUSTOMER_UPDATE,
    /** A job instance reached a terminal stage. */
    JOB_CLOSED,
    /** An accepted event ended a silence of an open job. */
    SILENCE_ENDED,
    /** A SILENCE intent. */
    SILENCE,
    /** A STAGE_OVERRUN intent. */
    OVERRUN,
    PROMISE_KEPT,
    PROMISE_BROKEN,
    DEAD_LETTER,
    /** An open job has been silent longer than the CX threshold (once per silent period). */
    JOB_SILENT
  }

  public String key() {
    return JobKey.of(tenantId, locationId);
  }
}
