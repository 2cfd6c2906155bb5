package io.milepost.notifier.tracking;

import io.milepost.notifier.job.Job;
import io.milepost.notifier.words.Words;
import io.milepost.schemas.Alert;
import io.milepost.schemas.AlertKind;
import io.milepost.schemas.Reason;
import io.milepost.schemas.Stage;
import io.milepost.schemas.TimelineEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a customer may see of a job: pushed to {@code /topic/track/{token}} and rendered on the
 * tracking page. Carries no internal ids beyond the job reference the customer already knows.
 *
 * @param stages every stage of the journey with its state: done, current or upcoming
 * @param etaReason why {@code etaAt} is what it is (a code with parameters); null when not known
 * @param alerts the alerts open on the job now (kind, stage, since, occurrence); empty when none
 * @param promiseAtRisk whether the promised time may be missed (see {@link #promiseAtRisk(Job)})
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
    Reason etaReason,
    List<Alert> alerts,
    boolean promiseAtRisk,
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

  /** The view with stage labels in {@code locale}'s words. */
  public static TrackingView of(Job job, String company, Words words, Locale locale) {
    Map<Stage, Instant> entered = new HashMap<>();
    job.timeline().forEach(entry -> entered.put(entry.stage(), entry.enteredAt()));
    Stage current = job.stage();
    int reached = furthestOnTheWay(job);
    List<StageView> stages = new ArrayList<>();
    for (Stage stage : job.journey().stages()) {
      String state;
      if (stage == current) {
        state = CURRENT;
      } else if (DETOURS.contains(stage)) {
        // A detour shows only while the job is in it; afterwards the timeline still tells it.
        continue;
      } else if (stage.position() <= reached) {
        state = DONE;
      } else if (current.terminal()) {
        // A returned parcel will not be delivered: nothing is upcoming after the end.
        continue;
      } else {
        state = UPCOMING;
      }
      stages.add(
          new StageView(stage.name(), words.stageLabel(stage, locale), state, entered.get(stage)));
    }
    if (DETOURS.contains(current)) {
      // Shown where it happened, after the last step that went well, not at the end of the list.
      StageView detour = stages.remove(stages.size() - 1);
      int afterReached =
          (int) stages.stream().filter(view -> !UPCOMING.equals(view.state())).count();
      stages.add(afterReached, detour);
    }
    return new TrackingView(
        company,
        job.jobId(),
        job.journey().wireName(),
        current.name(),
        words.stageLabel(current, locale),
        stages,
        job.timeline(),
        job.etaAt(),
        job.promisedAt(),
        job.note(),
        job.etaReason(),
        job.alerts(),
        promiseAtRisk(job),
        job.version(),
        job.updatedAt());
  }

  /**
   * Whether an open job may miss its promise: the engine raised DELAY_RISK (still open), or the ETA
   * is already past the promised time. A closed job, or one with no promise, is not at risk.
   */
  static boolean promiseAtRisk(Job job) {
    if (job.stage().terminal() || job.promisedAt() == null) {
      return false;
    }
    return job.alerts().stream().anyMatch(alert -> alert.kind() == AlertKind.DELAY_RISK)
        || (job.etaAt() != null && job.etaAt().isAfter(job.promisedAt()));
  }

  /**
   * Position of the furthest step of the journey proper that the job reached: its current stage, or
   * while it is on a detour, the last stage before it (-1 when none is known).
   */
  private static int furthestOnTheWay(Job job) {
    if (!DETOURS.contains(job.stage())) {
      return job.stage().position();
    }
    return job.timeline().stream()
        .map(TimelineEntry::stage)
        .filter(stage -> !DETOURS.contains(stage))
        .mapToInt(Stage::position)
        .max()
        .orElse(-1);
  }
}
