package io.milepost.schemas;

/** What a {@link CxMetrics} record is: see {@code cx-metrics.v1.json}. */
public enum CxKind {
  /** One 1-minute event-time window. */
  WINDOW,
  /** Running totals of the location's local day. */
  DAY,
  /** A metric crossed a rule's threshold. */
  ALERT
}
