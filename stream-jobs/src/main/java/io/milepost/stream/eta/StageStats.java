package io.milepost.stream.eta;

import io.milepost.schemas.Journey;
import io.milepost.schemas.Stage;
import java.time.Duration;

/**
 * What has been learned of a stage at one location, as {@link DurationLearner} last published it:
 * its typical duration (a percentile of the durations of the jobs that went through it) and the
 * share of jobs that went through it rather than past it, over the latest passages.
 *
 * @param typicalMillis the percentile of the durations; null if too few passages in the window
 *     entered the stage (fewer than {@code --eta-min-samples})
 * @param share entered ÷ passages, 0 to 1
 * @param samples how many passages entered the stage (the durations the percentile rests on)
 * @param passages how many passages (entered or skipped) the window holds; 0 says: forget this
 *     stage, the location stopped reporting it
 */
public record StageStats(
    String tenantId,
    String locationId,
    Journey journey,
    Stage stage,
    Long typicalMillis,
    double share,
    int samples,
    int passages) {

  /** The key the learner and the job operator's broadcast state use. */
  public static String key(String tenantId, String locationId, Journey journey, Stage stage) {
    return tenantId + "/" + locationId + "/" + journey.wireName() + "/" + stage.name();
  }

  public String key() {
    return key(tenantId, locationId, journey, stage);
  }

  /** Stats that tell the job operator to forget the stage: nothing is known of it any more. */
  public static StageStats forget(
      String tenantId, String locationId, Journey journey, Stage stage) {
    return new StageStats(tenantId, locationId, journey, stage, null, 0, 0, 0);
  }

  public boolean forgets() {
    return passages == 0;
  }

  /** The typical duration, or null when no passage entered the stage. */
  public Duration typical() {
    return typicalMillis == null ? null : Duration.ofMillis(typicalMillis);
  }
}
