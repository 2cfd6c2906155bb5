package io.milepost.stream.eta;

import io.milepost.schemas.Reason;
import io.milepost.schemas.ReasonCode;
import io.milepost.schemas.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Where an ETA is decided, as pure functions.
 *
 * <p>The ETA is when the job reaches its <em>goal</em>: the first stage after the current one (in
 * the tenant's stage list) that is terminal or waits on the customer — a car ready for pickup, a
 * parcel delivered. At time {@code now} it is {@code now} + what is left of the current stage's
 * expected duration (never below zero: an overrunning stage is expected to end any moment, so the
 * ETA then moves with the clock) + what each stage in between is expected to add: its duration
 * times the share of jobs that go through it. Under the SLAs alone nothing is known of skips, so
 * every stage counts in full (the naive prediction); what is learned at the job's location replaces
 * both. An {@code etaAt} stated by a producer wins while it is still ahead.
 */
public final class Eta {
  private Eta() {}

  /**
   * @param etaAt null when nothing is known (no expected durations)
   * @param reason the producer's ETA, or the stage that weighs most in what is left, with its
   *     expected minutes; null once the goal is reached
   * @param onDefaults whether the prediction rests on the rules' SLAs alone: no producer's ETA and
   *     nothing learned in any duration it counts. Such a prediction counts every optional stage in
   *     full, so it is a baseline to show, not evidence that a promise will break
   */
  public record Prediction(Instant etaAt, Reason reason, boolean onDefaults) {

    /** A prediction that does not rest on defaults alone. */
    public Prediction(Instant etaAt, Reason reason) {
      this(etaAt, reason, false);
    }
  }

  /**
   * The job as the ETA needs it.
   *
   * @param stages the tenant's stages of the job's journey, in order
   * @param enteredAt when the job last entered {@code stage}
   * @param producerEta the latest ETA a producer stated, or null
   * @param isGoal a stage the ETA aims at: terminal, or waiting on the customer
   */
  public record Course(
      List<Stage> stages,
      Stage stage,
      Instant enteredAt,
      Instant producerEta,
      Predicate<Stage> isGoal) {

    /** Whether the job is at its goal already (or past it). */
    public boolean reached() {
      return isGoal.test(stage);
    }

    /** The stages the job is expected to go through before its goal ({@link Eta#ahead}). */
    List<Stage> between() {
      return ahead(stages, stage, isGoal);
    }
  }

  /**
   * The stages a job in {@code stage} is expected to go through before its goal: those after it, up
   * to the first goal. After a setback (a failed delivery: {@link Stage#retries}) the stages after
   * it lead nowhere good (only RETURNED): the job is expected to try again, from the latest stage
   * it may go back to that is not a goal (out for delivery again), so that stage and those after it
   * up to the goal. Without this, the ETA after a failed attempt counted only the wait for the next
   * attempt, never the next round, and aimed at the return.
   */
  public static List<Stage> ahead(List<Stage> stages, Stage stage, Predicate<Stage> isGoal) {
    List<Stage> ahead = new ArrayList<>();
    Stage from = stage;
    Stage again = triesAgainAt(stage, isGoal);
    if (again != null) {
      ahead.add(again);
      from = again;
    }
    for (Stage next : stages) {
      if (next.position() <= from.position()) {
        continue;
      }
      if (isGoal.test(next)) {
        break;
      }
      ahead.add(next);
    }
    return ahead;
  }

  /**
   * Where a job expects to pick up again after a setback: the latest stage {@code stage} may go
   * back to that is not a goal; null when it is no setback (or may only go back to a goal).
   */
  public static Stage triesAgainAt(Stage stage, Predicate<Stage> isGoal) {
    Stage latest = null;
    for (Stage back : stage.retries()) {
      if (!isGoal.test(back) && (latest == null || back.position() > latest.position())) {
        latest = back;
      }
    }
    return latest;
  }

  /**
   * The producer's ETA a job keeps when it enters {@code entered}: the one the event states, else
   * the one known (an ETA is about the whole job, not one stage) — except after a setback, where
   * the known ETA was the failed attempt's (the route planner's time for a round that did not
   * deliver) and would be taken for the next attempt's while it is still ahead.
   *
   * @param stated the entering event's ETA, or null
   * @param known the ETA known before the event, or null
   */
  public static Instant producerEtaOnEntering(Stage entered, Instant stated, Instant known) {
    if (stated != null) {
      return stated;
    }
    return entered.retries().isEmpty() ? known : null;
  }

  /** The ETA at {@code now}. */
  public static Prediction predict(Course course, Instant now, ExpectedDurations expected) {
    if (course.reached()) {
      return new Prediction(course.enteredAt(), null);
    }
    if (course.producerEta() != null && course.producerEta().isAfter(now)) {
      return new Prediction(course.producerEta(), Reason.of(ReasonCode.PRODUCER_ETA));
    }
    ExpectedDurations.Expected current = expected.of(course.stage());
    if (current == null) {
      return new Prediction(null, null, true);
    }
    boolean learned = current.learned();
    Duration elapsed = Duration.between(course.enteredAt(), now);
    Duration left = positive(current.duration().minus(elapsed));
    Duration total = left;
    Stage weightiest = course.stage();
    ExpectedDurations.Expected weightiestExpected = current;
    Duration weight = left;
    for (Stage stage : course.between()) {
      ExpectedDurations.Expected next = expected.of(stage);
      if (next == null) {
        continue;
      }
      learned |= next.learned();
      Duration adds = next.contribution();
      total = total.plus(adds);
      if (adds.compareTo(weight) > 0) {
        weight = adds;
        weightiest = stage;
        weightiestExpected = next;
      }
    }
    return new Prediction(
        now.plus(total),
        new Reason(
            weightiestExpected.code(),
            weightiest,
            minutes(weightiestExpected.duration()),
            weightiestExpected.samples()),
        !learned);
  }

  /**
   * The earliest instant from {@code now} at which, without news, the ETA is past {@code bound}:
   * {@code now} if it is already, null if it never will be (the goal is reached, nothing is known).
   * While a producer's ETA is ahead, the answer is when it lapses, for the prediction to be asked
   * again then.
   */
  public static Instant passesAt(
      Course course, Instant now, ExpectedDurations expected, Instant bound) {
    if (course.reached()) {
      return null;
    }
    if (course.producerEta() != null && course.producerEta().isAfter(now)) {
      return course.producerEta().isAfter(bound) ? now : course.producerEta();
    }
    ExpectedDurations.Expected current = expected.of(course.stage());
    if (current == null) {
      return null;
    }
    Duration rest = Duration.ZERO;
    for (Stage stage : course.between()) {
      ExpectedDurations.Expected next = expected.of(stage);
      if (next != null) {
        rest = rest.plus(next.contribution());
      }
    }
    // eta(t) = max(enteredAt + expected, t) + rest, so eta(t) > bound from bound - rest on.
    Instant stageEnds = course.enteredAt().plus(current.duration());
    Instant slipsFrom = bound.minus(rest).plusMillis(1);
    if (!stageEnds.plus(rest).isAfter(bound) && slipsFrom.isAfter(now)) {
      return slipsFrom;
    }
    return now;
  }

  /** Whole minutes, rounded up, so a few seconds are not "0 minutes". */
  public static int minutes(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    return (int) Math.min(Integer.MAX_VALUE, (seconds + 59) / 60);
  }

  private static Duration positive(Duration duration) {
    return duration.isNegative() ? Duration.ZERO : duration;
  }
}
