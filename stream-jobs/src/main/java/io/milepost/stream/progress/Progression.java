package io.milepost.stream.progress;

import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.Stage;
import io.milepost.stream.progress.Transition.Outcome;

/** Where each stage rule is decided: pure functions of the job so far and one event. */
public final class Progression {
  private Progression() {}

  /**
   * What the event does to the job.
   *
   * @param current the job so far, or null when this is its first event
   */
  public static Transition decide(JobProgress current, OpsEvent event) {
    if (current == null) {
      return Transition.entered(JobProgress.begin(event), null);
    }
    if (event.journey() != current.journey()) {
      return Transition.ignored(Outcome.IGNORED_OTHER_JOURNEY, current);
    }
    if (current.stage().terminal()) {
      return Transition.ignored(Outcome.IGNORED_AFTER_TERMINAL, current);
    }
    if (isRegression(current.stage(), event.stage())) {
      return Transition.ignored(Outcome.IGNORED_EARLIER_STAGE, current);
    }
    if (isRetry(current.stage(), event.stage())
        && event.occurredAt().isBefore(current.occurredAt())) {
      // Happened before the setback: the original attempt arriving late, not a new one.
      return Transition.ignored(Outcome.IGNORED_EARLIER_STAGE, current);
    }
    if (event.stage() != current.stage()) {
      // Stage order wins over timestamps: a later stage stamped a little earlier (two producers'
      // clocks) still moves the job on.
      return Transition.entered(current.enter(event), current.stage());
    }
    if (event.occurredAt().isBefore(current.occurredAt())) {
      return Transition.ignored(Outcome.IGNORED_STALE, current);
    }
    JobProgress amended = current.amend(event);
    return amended.saysMoreThan(current)
        ? Transition.amended(amended)
        : Transition.ignored(Outcome.IGNORED_UNCHANGED, current);
  }

  /** Whether moving from {@code current} to {@code incoming} would go backwards in the journey. */
  public static boolean isRegression(Stage current, Stage incoming) {
    return incoming.position() < current.position() && !isRetry(current, incoming);
  }

  /** Whether {@code incoming} is a new attempt after a setback such as a failed delivery. */
  public static boolean isRetry(Stage current, Stage incoming) {
    return current.retries().contains(incoming);
  }
}
