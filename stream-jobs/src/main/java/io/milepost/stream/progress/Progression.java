package io.milepost.stream.progress;

import io.milepost.schemas.Intent;
import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.Stage;
import io.milepost.stream.progress.Transition.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Where each stage rule is decided: pure functions of the job so far and one event. */
public final class Progression {
  private Progression() {}

  /**
   * What the event does to the job. Duplicates are not decided here: the caller drops an event id
   * it has already seen before asking.
   *
   * @param current the job so far, or null when this is its first event
   */
  public static Transition decide(JobProgress current, OpsEvent event) {
    if (current == null) {
      return Transition.entered(JobProgress.begin(event), null);
    }
    if (startsNewInstance(current, event)) {
      // A new use of the id, not news of the old one: no previous stage to tell of.
      return Transition.entered(current.reuse(event), null);
    }
    if (event.journey() != current.journey()) {
      return Transition.ignored(Outcome.IGNORED_OTHER_JOURNEY, current);
    }
    if (current.stage().terminal()) {
      return Transition.ignored(Outcome.IGNORED_AFTER_TERMINAL, current);
    }
    if (event.occurredAt().isBefore(current.timeline().get(0).enteredAt())) {
      // A job id used again: the previous use's late events (resent with new ids, or ids the
      // dedupe memory forgot) must not move the new instance, nor make its customer theirs.
      // Costs the clock tolerance below for a later stage stamped before the job's first event.
      return Transition.ignored(Outcome.IGNORED_EARLIER_INSTANCE, current);
    }
    if (isRegression(current.stage(), event.stage())) {
      return Transition.ignored(Outcome.IGNORED_EARLIER_STAGE, current);
    }
    if (isRetry(current.stage(), event.stage())
        && event.occurredAt().isBefore(current.occurredAt())) {
      // Happened before the setback: the original attempt arriving late, not a new one.
      return Transition.ignored(Outcome.IGNORED_EARLIER_STAGE, current);
    }
    if (isRetry(event.stage(), current.stage())
        && event.occurredAt().isBefore(enteredCurrentStageAt(current))) {
      // The mirror case: a setback (a failed delivery) that happened before the job last entered
      // its stage belongs to an earlier attempt, arriving late. Stage order alone would take it,
      // since DELIVERY_FAILED comes after OUT_FOR_DELIVERY, and tell the customer of a failure
      // that the current attempt has already overtaken.
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

  /**
   * Whether the event starts a new instance of a closed job: the journey's first stage, after the
   * close. An event from before the close is the old instance's, arriving late (its id may be new:
   * a producer's resend, or one the dedupe memory forgot). Any other stage after the close is
   * ignored while the closed state is kept, because nothing says it is a new job rather than a
   * confused producer; once the state is dropped, any event starts the job afresh.
   */
  static boolean startsNewInstance(JobProgress current, OpsEvent event) {
    return current.stage().terminal()
        && event.stage() == event.journey().stages().get(0)
        && event.occurredAt().isAfter(current.occurredAt());
  }

  /**
   * The intent that forwards the customer details an event carried when it told the customer
   * nothing: an event of the current instance that amended the job, or was ignored as an earlier,
   * stale or unchanged stage. A stage change carries the details in its own intent. A duplicate is
   * not asked about; an event of another journey or after the close is not trusted to belong to
   * this customer's job (a recycled id's new customer must not become the old job's contact), nor
   * is one from before the instance began (the old customer must not become the new job's).
   */
  public static Optional<Intent> contactChange(Transition transition, OpsEvent event) {
    if (event.customer() == null) {
      return Optional.empty();
    }
    return switch (transition.outcome()) {
      case AMENDED, IGNORED_EARLIER_STAGE, IGNORED_STALE, IGNORED_UNCHANGED ->
          Optional.of(transition.next().contactChanged(event));
      case ENTERED_STAGE,
          IGNORED_DUPLICATE,
          IGNORED_AFTER_TERMINAL,
          IGNORED_OTHER_JOURNEY,
          IGNORED_EARLIER_INSTANCE ->
          Optional.empty();
    };
  }

  /**
   * When, in event time, the job's state may be dropped: a grace period after its terminal stage,
   * for late events to still find it closed; else a long inactivity after its latest accepted
   * event, for a job whose end never arrives.
   */
  public static long closesAt(JobProgress job, Duration terminalGrace, Duration inactivity) {
    return job.occurredAt()
        .plus(job.stage().terminal() ? terminalGrace : inactivity)
        .toEpochMilli();
  }

  /** Whether the cleanup timer at {@code timestamp} ends the job as it is now. */
  public static boolean isClosedAt(
      JobProgress job, long timestamp, Duration terminalGrace, Duration inactivity) {
    return timestamp >= closesAt(job, terminalGrace, inactivity);
  }

  /** Whether moving from {@code current} to {@code incoming} would go backwards in the journey. */
  public static boolean isRegression(Stage current, Stage incoming) {
    return incoming.position() < current.position() && !isRetry(current, incoming);
  }

  /** Whether {@code incoming} is a new attempt after a setback such as a failed delivery. */
  public static boolean isRetry(Stage current, Stage incoming) {
    return current.retries().contains(incoming);
  }

  /** When the job last entered its current stage (a retried stage is entered more than once). */
  private static Instant enteredCurrentStageAt(JobProgress job) {
    return job.timeline().get(job.timeline().size() - 1).enteredAt();
  }
}
