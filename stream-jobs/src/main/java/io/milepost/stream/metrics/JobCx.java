package io.milepost.stream.metrics;

import io.milepost.schemas.Stage;
import java.time.Instant;

/**
 * What {@link JobCxFunction} remembers of one job instance: enough to tell its first customer
 * update, count its updates, measure its silences and count its promise once. A mutable Flink POJO;
 * no personal data.
 */
public class JobCx {
  public String tenantId;
  public String locationId;
  public String jobId;
  public long instance;

  /** The instance's first event time, as far as its signals have told. */
  public Instant firstEventAt;

  /** Whether the customer has had an update of this instance. */
  public boolean told;

  /** Customer intents of this instance. */
  public long updates;

  /**
   * The job's stage and when the business last reported: its latest accepted event (board updates)
   * or a later heartbeat, as {@link io.milepost.stream.progress.JobOutlook#lastHeard} counts.
   */
  public Stage stage;

  public Instant lastEventAt;

  /** The latest signal's time: the cleanup counts from it. */
  public Instant lastSignalAt;

  /** Whether the instance reached a terminal stage (counted as closed). */
  public boolean closed;

  /** Whether its promise was counted, kept or broken. */
  public boolean promiseCounted;

  /** Whether the current silence was alerted (JOB_SILENT); reset by the next event. */
  public boolean silentAlerted;

  /** The one event-time timer this job holds, 0 when none. */
  public long wakeAt;

  public JobCx() {}
}
