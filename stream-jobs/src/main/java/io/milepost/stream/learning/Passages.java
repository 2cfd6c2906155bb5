package io.milepost.stream.learning;

import io.milepost.schemas.Journey;
import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * When a job leaves a stage, as pure functions of the little a learner needs to know of it: the
 * stage it is in, since when, and where. The same stage order as {@code progress/Progression} (a
 * later stage moves the job; an earlier or the same one does not; a failed delivery may be retried;
 * after a terminal stage only the journey's first stage, stamped after it, starts the job again),
 * without its dedupe memory, instances or customer details: the same stage again is harmless here,
 * and an odd passage among the last hundreds moves a percentile little.
 */
public final class Passages {
  private Passages() {}

  /**
   * The stage a job is in, as the learner keeps it.
   *
   * @param lastAt the job's latest event that moved or restated it (when its state may go)
   */
  public record Position(
      Journey journey, Stage stage, String locationId, Instant enteredAt, Instant lastAt) {}

  /**
   * What an event does.
   *
   * @param next the position after the event (the same object when it changes nothing)
   * @param passages the stage left (with its duration) and the stages skipped on the way, if the
   *     event moved the job on; empty otherwise
   */
  public record Step(Position next, List<StagePassage> passages) {}

  public static Step next(Position current, OpsEvent event) {
    Instant at = event.occurredAt();
    Position entered = new Position(event.journey(), event.stage(), event.locationId(), at, at);
    if (current == null) {
      // Where the job was before its first event is unknown: it teaches nothing yet.
      return new Step(entered, List.of());
    }
    if (event.journey() != current.journey()) {
      return new Step(current, List.of());
    }
    if (current.stage().terminal()) {
      boolean again =
          event.stage() == current.journey().stages().get(0) && at.isAfter(current.enteredAt());
      return new Step(again ? entered : current, List.of());
    }
    if (event.stage() == current.stage()) {
      Instant last = at.isAfter(current.lastAt()) ? at : current.lastAt();
      return new Step(
          new Position(
              current.journey(), current.stage(), current.locationId(), current.enteredAt(), last),
          List.of());
    }
    boolean forward = event.stage().position() > current.stage().position();
    boolean retry = current.stage().retries().contains(event.stage());
    if (!(forward || retry) || at.isBefore(current.enteredAt())) {
      return new Step(current, List.of());
    }
    List<StagePassage> passages = new ArrayList<>();
    passages.add(
        new StagePassage(
            event.tenantId(),
            current.locationId(),
            current.journey(),
            current.stage(),
            Duration.between(current.enteredAt(), at).toMillis()));
    if (forward) {
      for (Stage skipped : current.journey().stages()) {
        if (skipped.position() > current.stage().position()
            && skipped.position() < event.stage().position()
            && !skipped.terminal()) {
          passages.add(
              new StagePassage(
                  event.tenantId(), current.locationId(), current.journey(), skipped, null));
        }
      }
    }
    return new Step(entered, passages);
  }

  /** When a job's position may go: the grace after a terminal stage, else the inactivity. */
  public static Instant forgottenAt(Position position, Duration grace, Duration inactivity) {
    return position.stage().terminal()
        ? position.enteredAt().plus(grace)
        : position.lastAt().plus(inactivity);
  }
}
