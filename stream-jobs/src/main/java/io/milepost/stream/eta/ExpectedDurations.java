package io.milepost.stream.eta;

import io.milepost.schemas.ReasonCode;
import io.milepost.schemas.Rules;
import io.milepost.schemas.Stage;
import java.time.Duration;

/**
 * How long a stage is expected to take, and on what grounds. Today it is the tenant's SLA ({@link
 * #slas}); a learned percentile of completed stages replaces it by passing another lookup, with
 * reason {@link ReasonCode#TYPICAL_DURATION} and its sample count.
 */
@FunctionalInterface
public interface ExpectedDurations {

  /** The expected duration of {@code stage}, or null when nothing is known (a terminal stage). */
  Expected of(Stage stage);

  /**
   * @param code {@link ReasonCode#SLA_DURATION} or {@link ReasonCode#TYPICAL_DURATION}
   * @param samples how many completed stages a learned duration rests on; null for an SLA
   */
  record Expected(Duration duration, ReasonCode code, Integer samples) {}

  /** The rules' SLAs. */
  static ExpectedDurations slas(Rules rules) {
    return stage ->
        rules
            .sla(stage.journey(), stage)
            .map(sla -> new Expected(sla, ReasonCode.SLA_DURATION, null))
            .orElse(null);
  }
}
