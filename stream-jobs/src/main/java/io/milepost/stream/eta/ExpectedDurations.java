package io.milepost.stream.eta;

import io.milepost.schemas.ReasonCode;
import io.milepost.schemas.Rules;
import io.milepost.schemas.Stage;
import java.time.Duration;
import java.util.function.Function;

/**
 * How long a stage is expected to take, how likely a job is to go through it, and on what grounds:
 * the tenant's SLA ({@link #slas}), or what was learned of the stage at the job's location ({@link
 * #learned}), reason {@link ReasonCode#TYPICAL_DURATION} with its sample count.
 */
@FunctionalInterface
public interface ExpectedDurations {

  /** The expected duration of {@code stage}, or null when nothing is known (a terminal stage). */
  Expected of(Stage stage);

  /**
   * @param duration how long the stage takes when a job goes through it
   * @param code {@link ReasonCode#SLA_DURATION} or {@link ReasonCode#TYPICAL_DURATION}
   * @param samples how many completed stages a learned duration rests on; null for an SLA
   * @param share how likely a job that has not reached the stage yet is to go through it: 1 for an
   *     SLA (nothing known, so counted in full), learned otherwise
   * @param learned whether anything in here was learned (the duration, or only the share)
   */
  record Expected(
      Duration duration, ReasonCode code, Integer samples, double share, boolean learned) {

    /** A duration counted in full. */
    public Expected(Duration duration, ReasonCode code, Integer samples) {
      this(duration, code, samples, 1.0, code == ReasonCode.TYPICAL_DURATION);
    }

    /** What the stage adds to the ETA of a job that has not reached it: share x duration. */
    public Duration contribution() {
      if (share >= 1.0) {
        return duration;
      }
      return Duration.ofMillis(Math.round(duration.toMillis() * Math.max(0, share)));
    }
  }

  /** The rules' SLAs. */
  static ExpectedDurations slas(Rules rules) {
    return stage ->
        rules
            .sla(stage.journey(), stage)
            .map(sla -> new Expected(sla, ReasonCode.SLA_DURATION, null))
            .orElse(null);
  }

  /**
   * What was learned of each stage at the job's location, else the rules' SLA. A stage with too few
   * recent passages that entered it to know its duration (every job skipped it, or nearly) keeps
   * its SLA as its duration, should a job be in it, and adds SLA x its learned share to the ETA of
   * a job before it.
   *
   * @param learned the stats of a stage at the job's location, or null if none were published
   */
  static ExpectedDurations learned(Rules rules, Function<Stage, StageStats> learned) {
    ExpectedDurations slas = slas(rules);
    return stage -> {
      Expected sla = slas.of(stage);
      StageStats stats = sla == null ? null : learned.apply(stage);
      if (stats == null || stats.forgets()) {
        return sla;
      }
      if (stats.typicalMillis() == null) {
        return new Expected(sla.duration(), ReasonCode.SLA_DURATION, null, stats.share(), true);
      }
      return new Expected(
          stats.typical(), ReasonCode.TYPICAL_DURATION, stats.samples(), stats.share(), true);
    };
  }
}
