package io.milepost.notifier.csat;

import io.milepost.schemas.Stage;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled whether closed jobs get a survey at all
 * @param afterStages the closing stages that earn one (a returned parcel does not)
 * @param delay how long after the customer heard the job closed the survey is due
 * @param answerWindow how long after the survey went out a 1-5 reply still scores it
 * @param lowScoreAtOrBelow a score at or under this raises an alert for the board
 * @param sweepInterval how often due surveys are turned into texts
 */
@ConfigurationProperties("milepost.csat")
public record CsatProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue({"COLLECTED", "DELIVERED"}) Set<Stage> afterStages,
    @DefaultValue("PT1H") Duration delay,
    @DefaultValue("P7D") Duration answerWindow,
    @DefaultValue("2") int lowScoreAtOrBelow,
    @DefaultValue("PT30S") Duration sweepInterval) {

  /** Whether telling the customer of {@code stage} schedules a survey. */
  public boolean after(Stage stage) {
    return enabled && afterStages.contains(stage);
  }
}
