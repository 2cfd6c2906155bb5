package io.milepost.stream.progress;

import io.milepost.schemas.Stage;
import java.time.Instant;

/**
 * A report of a job's current stage that changed nothing but was heard ({@link Outlook#heard}): on
 * {@link JobProgressFunction#HEARTBEATS}, for the CX metrics, which measure silences between
 * reports, not between changes. Board updates carry the other reports (their {@code occurredAt}).
 * No personal data.
 *
 * @param at when the business reported (the event's {@code occurredAt})
 */
public record Heartbeat(
    String tenantId, String locationId, String jobId, long instance, Stage stage, Instant at) {

  static Heartbeat of(JobProgress job, Instant at) {
    return new Heartbeat(
        job.tenantId(), job.locationId(), job.jobId(), job.instance(), job.stage(), at);
  }
}
