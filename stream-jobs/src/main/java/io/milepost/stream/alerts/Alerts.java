package io.milepost.stream.alerts;

import io.milepost.schemas.Reason;
import io.milepost.schemas.ReasonCode;
import io.milepost.schemas.Rules;
import io.milepost.schemas.Stage;
import io.milepost.stream.eta.Eta;
import java.time.Duration;
import java.time.Instant;

/** When nobody reported, as pure functions of the job's times and the current rules. */
public final class Alerts {
  private Alerts() {}

  /**
   * When a stage entered at {@code enteredAt} overruns: its SLA times the overrun factor later;
   * null for a stage without an SLA (terminal) or one that does not wait on the business. A car
   * left at READY_FOR_PICKUP waits on its owner: telling them their own pickup "is taking longer
   * than expected" would blame them in the business's voice, so it is watched as silences are.
   */
  public static Instant overrunAt(Rules rules, Stage stage, Instant enteredAt) {
    if (!rules.waitsOnBusiness(stage)) {
      return null;
    }
    return rules.overrunAfter(stage).map(enteredAt::plus).orElse(null);
  }

  /**
   * When a job whose latest news came at {@code lastNewsAt} falls silent; null in a stage that does
   * not wait on the business (READY_FOR_PICKUP waits on the customer) or a terminal one.
   */
  public static Instant silentAt(Rules rules, Stage stage, Instant lastNewsAt) {
    if (stage.terminal() || !rules.waitsOnBusiness(stage)) {
      return null;
    }
    return lastNewsAt.plus(rules.silenceLimit());
  }

  /** STAGE_OVERRUN: by how many minutes the stage is past its SLA at {@code now}. */
  public static Reason overrunReason(Rules rules, Stage stage, Instant enteredAt, Instant now) {
    Duration sla = rules.sla(stage.journey(), stage).orElse(Duration.ZERO);
    Duration over = Duration.between(enteredAt.plus(sla), now);
    return new Reason(ReasonCode.STAGE_OVERRUN, stage, Eta.minutes(over), null);
  }

  /** SILENCE: how many minutes without news in the stage at {@code now}. */
  public static Reason silenceReason(Stage stage, Instant lastNewsAt, Instant now) {
    return new Reason(
        ReasonCode.SILENCE, stage, Eta.minutes(Duration.between(lastNewsAt, now)), null);
  }
}
