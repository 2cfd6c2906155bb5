package io.milepost.schemas;

/** Which rule a CX alert crossed: see {@code cx-metrics.v1.json} alert.code. */
public enum CxAlertCode {
  /** An open job had no event for longer than {@link Rules#cxSilentJobLongerThan()}. */
  JOB_SILENT_TOO_LONG,
  /** More than {@link Rules#cxPromisesBrokenPerDay()} promises broken in the local day. */
  PROMISES_BROKEN_TODAY
}
