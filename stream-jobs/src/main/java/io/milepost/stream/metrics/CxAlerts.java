package io.milepost.stream.metrics;

/** When a CX metric's crossing raises an alert, as pure functions. */
public final class CxAlerts {
  private CxAlerts() {}

  /**
   * Whether a metric is over its threshold ("more than N"): the alert is raised on the way over,
   * once, and re-armed only when the metric is back at or under the threshold (a higher threshold
   * from a rules change, or a new day that starts from zero).
   */
  public static boolean over(long value, long threshold) {
    return value > threshold;
  }

  /** Raise now: over the threshold and not raised since it was last at or under it. */
  public static boolean raise(boolean raised, long value, long threshold) {
    return !raised && over(value, threshold);
  }
}
