package io.milepost.schemas;

/** What is wrong with a job, as its board shows it (the intent of the same name told it). */
public enum AlertKind {
  /** The stage ran past its SLA times the tenant's overrun factor. */
  STAGE_OVERRUN,
  /** The job, in a stage that waits on the business, heard nothing for the silence limit. */
  SILENCE,
  /** The predicted ETA passes the promise by more than the tenant's tolerance. */
  DELAY_RISK
}
