package io.milepost.stream.promise;

import io.milepost.schemas.Reason;
import io.milepost.schemas.ReasonCode;
import io.milepost.stream.eta.Eta;
import java.time.Duration;
import java.time.Instant;

/** Where a promise is judged, as pure functions. */
public final class Promises {
  private Promises() {}

  /**
   * The ETA past which the customer is warned: the promise plus the tenant's tolerance; after a
   * warning, the ETA then told plus the ETA-change threshold (once per slip, not once per minute of
   * an overrunning stage).
   *
   * @param lastWarnedEta the ETA of the latest DELAY_RISK of this slip, or null
   */
  public static Instant riskBound(
      Instant promisedAt, Duration tolerance, Instant lastWarnedEta, Duration threshold) {
    Instant bound = promisedAt.plus(tolerance);
    if (lastWarnedEta != null && lastWarnedEta.plus(threshold).isAfter(bound)) {
      return lastWarnedEta.plus(threshold);
    }
    return bound;
  }

  /** Whether an ETA puts the promise at risk: past the promise plus the tolerance. */
  public static boolean atRisk(Instant etaAt, Instant promisedAt, Duration tolerance) {
    return etaAt != null && promisedAt != null && etaAt.isAfter(promisedAt.plus(tolerance));
  }

  /** PROMISE_AT_RISK, with by how many minutes the ETA passes the promise. */
  public static Reason reason(Instant etaAt, Instant promisedAt) {
    return new Reason(
        ReasonCode.PROMISE_AT_RISK, null, Eta.minutes(Duration.between(promisedAt, etaAt)), null);
  }

  /**
   * Whether the promise was kept: the job reached its goal (ready for pickup, delivered) by the
   * promised time. The tolerance only decides when to warn; a promise is kept or not on the minute.
   */
  public static boolean kept(Instant reachedAt, Instant promisedAt) {
    return !reachedAt.isAfter(promisedAt);
  }
}
