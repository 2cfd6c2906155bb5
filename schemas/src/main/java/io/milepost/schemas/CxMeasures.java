package io.milepost.schemas;

/**
 * The measures of a CX window or day (see {@code cx-metrics.v1.json} for each one's definition).
 * Immutable; {@link #plus} adds two.
 */
public record CxMeasures(
    long firstUpdates,
    long firstUpdateSecondsTotal,
    long firstUpdateSecondsMax,
    long customerUpdates,
    long jobsClosed,
    long updatesOfClosedJobs,
    long longestSilenceSeconds,
    long silences,
    long overruns,
    long promisesKept,
    long promisesBroken,
    long deadLetters) {

  public static final CxMeasures NONE = new CxMeasures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  /** Counts and totals added, maxima taken. */
  public CxMeasures plus(CxMeasures other) {
    return new CxMeasures(
        firstUpdates + other.firstUpdates,
        firstUpdateSecondsTotal + other.firstUpdateSecondsTotal,
        Math.max(firstUpdateSecondsMax, other.firstUpdateSecondsMax),
        customerUpdates + other.customerUpdates,
        jobsClosed + other.jobsClosed,
        updatesOfClosedJobs + other.updatesOfClosedJobs,
        Math.max(longestSilenceSeconds, other.longestSilenceSeconds),
        silences + other.silences,
        overruns + other.overruns,
        promisesKept + other.promisesKept,
        promisesBroken + other.promisesBroken,
        deadLetters + other.deadLetters);
  }
}
