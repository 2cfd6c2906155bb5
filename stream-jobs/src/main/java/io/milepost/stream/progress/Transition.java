package io.milepost.stream.progress;

import io.milepost.schemas.Stage;

/**
 * What one event does to a job.
 *
 * @param next the job after the event; the unchanged job when the event is ignored (null if there
 *     was none)
 * @param previousStage the stage left, when {@link Outcome#ENTERED_STAGE} and the job existed
 */
public record Transition(Outcome outcome, JobProgress next, Stage previousStage) {

  public enum Outcome {
    /**
     * A new, later stage, or the first stage of a job or of a new instance of a closed one: the
     * customer hears of it.
     */
    ENTERED_STAGE,
    /** The current stage again with a new promise, ETA, note or location: the board shows it. */
    AMENDED,
    /** The same event id was already accepted. Decided by the dedupe step, not the stage rules. */
    IGNORED_DUPLICATE,
    /** A stage before the current one: late or replayed, it never moves the job backwards. */
    IGNORED_EARLIER_STAGE,
    /** The current stage, but older than the job's latest change: its news is not news. */
    IGNORED_STALE,
    /** The current stage with nothing new. */
    IGNORED_UNCHANGED,
    /** The job already reached a terminal stage, and the event starts no new instance of it. */
    IGNORED_AFTER_TERMINAL,
    /** The event names another journey than the job's: stage positions cannot be compared. */
    IGNORED_OTHER_JOURNEY,
    /**
     * Stamped before the job's current instance began: news of an earlier use of the job id (or of
     * the time before the job's state was lost), whatever its stage.
     */
    IGNORED_EARLIER_INSTANCE;

    public boolean accepted() {
      return this == ENTERED_STAGE || this == AMENDED;
    }
  }

  static Transition entered(JobProgress next, Stage previousStage) {
    return new Transition(Outcome.ENTERED_STAGE, next, previousStage);
  }

  static Transition amended(JobProgress next) {
    return new Transition(Outcome.AMENDED, next, null);
  }

  static Transition ignored(Outcome why, JobProgress current) {
    return new Transition(why, current, null);
  }

  public boolean accepted() {
    return outcome.accepted();
  }

  public boolean entersStage() {
    return outcome == Outcome.ENTERED_STAGE;
  }
}
