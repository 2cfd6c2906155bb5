package io.milepost.stream.progress;

import io.milepost.schemas.Rules;
import io.milepost.stream.eta.StageStats;

/**
 * What every subtask of the job operator shares, on its one broadcast input: a tenant's rules, or
 * what was learned of a stage at a location. Exactly one of the two is set. (A keyed operator takes
 * one broadcast stream; two kinds of broadcast state travel on it.)
 */
public record Shared(Rules rules, StageStats stats) {

  public static Shared of(Rules rules) {
    return new Shared(rules, null);
  }

  public static Shared of(StageStats stats) {
    return new Shared(null, stats);
  }
}
