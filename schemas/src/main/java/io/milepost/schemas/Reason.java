package io.milepost.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A reason as a code with parameters, never prose (see {@link ReasonCode} for which parameters each
 * code carries). Readers ignore parameters they do not know.
 *
 * @param stage the stage the reason is about
 * @param minutes a length of time in whole minutes, at least 0
 * @param samples how many completed stages a learned duration rests on
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reason(ReasonCode code, Stage stage, Integer minutes, Integer samples) {

  public static Reason of(ReasonCode code) {
    return new Reason(code, null, null, null);
  }
}
