package io.milepost.notifier.tracking;

import io.milepost.notifier.job.Job;
import io.milepost.schemas.Stage;
import io.milepost.schemas.TimelineEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a customer may see of a job: pushed to {@code /topic/track/{token}} and rendered on the
 * tracking page. Carries no internal ids beyond the job reference the customer already knows.
 *
 * @param stages every stage of the journey with its state: done, current or upcoming
 */
public record TrackingView(
    String company,
    String jobRef,
    String journey,
    String stage,
    String stageLabel,
    List<StageView> stages,
    List<TimelineEntry> timeline,
    Instant etaAt,
    Instant promisedAt,
    String note,
    long version,
    Instant updatedAt) {

  public static final String DONE = "done";
  public static final String CURRENT = "current";
  public static final String UPCOMING = "upcoming";

  /** Detours, not steps: shown only once a job actually took them. */
  private static final Set<Stage> DETOURS = EnumSet.of(Stage.DELIVERY_FAILED, Stage.RETURNED);

  /**
   * @param enteredAt when the job last entered the stage, or null if it has not (or skipped it)
   */
  public record StageView(String stage, String label, String state, Instant enteredAt) {}

  public static TrackingView of(Job job, String company) {
    Map<Stage, Instant> entered = new HashMap<>();
    job.timeline().forEach(entry -> entered.put(entry.stage(), entry.enteredAt()));
    Stage current = job.stage();
    List<StageView> stages = new ArrayList<>();
    for (Stage stage : job.journey().stages()) {
      boolean reached = stage == current || entered.containsKey(stage);
      if (DETOURS.contains(stage) && !reached) {
        continue;
      }
      if (current.terminal() && stage.position() > current.position()) {
        continue;
      }
      String state =
          stage == current ? CURRENT : stage.position() < current.position() ? DONE : UPCOMING;
      stages.add(new StageView(stage.name(), stage.label(), state, entered.get(stage)));
    }
    return new TrackingView(
        company,
        job.jobId(),
        job.journey().wireName(),
        current.name(),
        current.label(),
        stages,
        job.timeline(),
        job.etaAt(),
        job.promisedAt(),
        job.note(),
        job.version(),
        job.updatedAt());
  }
}
