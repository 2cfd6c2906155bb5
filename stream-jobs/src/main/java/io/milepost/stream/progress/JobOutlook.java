package io.milepost.stream.progress;

import io.milepost.schemas.Alert;
import io.milepost.schemas.AlertKind;
import io.milepost.schemas.Reason;
import io.milepost.schemas.Stage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the engine expects of one job and what it told its customer: the second piece of keyed state
 * beside {@link JobProgress}, for the current instance only. No personal data.
 *
 * <p>A mutable Flink POJO (public fields, no-argument constructor): {@link Outlook} updates it in
 * place and the keyed function stores it again.
 */
public class JobOutlook {
  /** The predicted ETA and why, as the board last showed it. */
  public Instant etaAt;

  public Reason etaReason;

  /** The ETA the customer was last told (any customer intent carrying one), or null. */
  public Instant toldEtaAt;

  /** When the customer was last sent an intent: the digest window opens there. */
  public Instant toldAt;

  /** The stage the customer was last told of. */
  public Stage toldStage;

  /** Stages entered while the digest window held them, oldest first; told at the window's end. */
  public List<Stage> held = new ArrayList<>();

  /** Occurrences per recurring kind within the instance: the count of intents of that kind. */
  public int etaChanges;

  public int delayRisks;
  public int overruns;
  public int silences;

  /** The ETA of the latest DELAY_RISK of the current slip (null: not at risk, or never told). */
  public Instant warnedEtaAt;

  /** Whether a DELAY_RISK was already raised by time alone (no event) in the current stage. */
  public boolean warnedByTimeThisStage;

  /** Open alerts: when each opened, null when not open. */
  public Instant overrunSince;

  public Instant silenceSince;
  public Instant delayRiskSince;
  public Stage delayRiskStage;

  /** Whether the promise was kept, once the job reached its goal; null before, or without one. */
  public Boolean promiseKept;

  /**
   * The latest report of the current stage that changed nothing (a heartbeat: "still in repair"),
   * or null. It moves no version of the job; {@link #lastHeard} is what a silence counts from.
   */
  public Instant heardAt;

  /** The event-time timer this job holds (one at most), 0 when none. */
  public long wakeAt;

  public JobOutlook() {}

  /**
   * When the business last reported on the job: its latest accepted event or a later heartbeat of
   * its current stage. The one definition of "last heard": silences count from here, and the CX
   * metrics measure the gaps between these reports (heartbeats reach them as {@link Heartbeat}).
   */
  public Instant lastHeard(JobProgress job) {
    return heardAt != null && heardAt.isAfter(job.occurredAt()) ? heardAt : job.occurredAt();
  }

  /** The alerts open now, as the board shows them. */
  public List<Alert> alerts(Stage stage) {
    List<Alert> open = new ArrayList<>();
    if (overrunSince != null) {
      open.add(new Alert(AlertKind.STAGE_OVERRUN, stage, overrunSince, overruns));
    }
    if (silenceSince != null) {
      open.add(new Alert(AlertKind.SILENCE, stage, silenceSince, silences));
    }
    if (delayRiskSince != null) {
      open.add(new Alert(AlertKind.DELAY_RISK, delayRiskStage, delayRiskSince, delayRisks));
    }
    return open;
  }
}
