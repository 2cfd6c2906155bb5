package io.milepost.stream.metrics;

import io.milepost.schemas.CxMeasures;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** Where each fact counts, as pure functions. */
public final class Measures {
  private Measures() {}

  /** The length of a CX window. */
  public static final Duration WINDOW = Duration.ofMinutes(1);

  private static final long WINDOW_MILLIS = WINDOW.toMillis();

  /** What one fact adds to its window and day. */
  public static CxMeasures of(CxFact fact) {
    long v = fact.value();
    return switch (fact.kind()) {
      case FIRST_UPDATE -> new CxMeasures(1, v, v, 0, 0, 0, 0, 0, 0, 0, 0, 0);
      case CUSTOMER_UPDATE -> new CxMeasures(0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0);
      case JOB_CLOSED -> new CxMeasures(0, 0, 0, 0, 1, v, 0, 0, 0, 0, 0, 0);
      case SILENCE_ENDED -> new CxMeasures(0, 0, 0, 0, 0, 0, v, 0, 0, 0, 0, 0);
      case SILENCE -> new CxMeasures(0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0);
      case OVERRUN -> new CxMeasures(0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0);
      case PROMISE_KEPT -> new CxMeasures(0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0);
      case PROMISE_BROKEN -> new CxMeasures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0);
      case DEAD_LETTER -> new CxMeasures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
      case JOB_SILENT -> CxMeasures.NONE; // an alert, not a measure
    };
  }

  /**
   * The event time a fact counts at. A fact counts in the window of its time, unless that window
   * has closed (the watermark passed it): then in the first window still open, so a late fact is
   * counted once and late rather than dropped. A dead letter has no event time to trust (it failed
   * validation): its time is the wall clock's when it was set aside (ingestion time), so a replay
   * of old records counts its dead letters in the windows of the replay's day.
   */
  public static long countsAt(CxFact fact, long watermark) {
    long at = fact.at().toEpochMilli();
    return watermark == Long.MIN_VALUE ? at : Math.max(at, watermark + 1);
  }

  /** The start of the 1-minute window holding {@code millis}. */
  public static long windowStart(long millis) {
    return millis - Math.floorMod(millis, WINDOW_MILLIS);
  }

  /** Its end, exclusive. */
  public static long windowEnd(long windowStart) {
    return windowStart + WINDOW_MILLIS;
  }

  /** The local day of {@code millis} in the location's zone. */
  public static LocalDate day(long millis, ZoneId zone) {
    return Instant.ofEpochMilli(millis).atZone(zone).toLocalDate();
  }

  /** The local midnight that starts {@code day} (the first instant of it, on a DST change too). */
  public static Instant dayStart(LocalDate day, ZoneId zone) {
    return day.atStartOfDay(zone).toInstant();
  }
}
