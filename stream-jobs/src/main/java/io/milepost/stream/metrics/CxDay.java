package io.milepost.stream.metrics;

import io.milepost.schemas.CxMeasures;
import java.time.Instant;

/**
 * One local day of a location in {@link LocationCxFunction}: its running totals and whether the
 * promises-broken alert was raised. A mutable Flink POJO.
 */
public class CxDay {
  /** The local date ({@code 2026-11-24}) and the zone it was cut in. */
  public String day;

  public String timeZone;

  /** The local midnights that start and end it. */
  public Instant start;

  public Instant end;

  public CxMeasures measures = CxMeasures.NONE;

  /** Whether PROMISES_BROKEN_TODAY was raised and not re-armed since. */
  public boolean promisesAlerted;

  /** Whether the totals changed since the latest DAY record. */
  public boolean changed;

  public CxDay() {}
}
