package io.milepost.notifier.intent;

import io.milepost.schemas.Stage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a stage change is news to the customer of one job instance, given what they were told.
 * The same journey rules as the engine's {@code Progression}, applied to what was told instead of
 * what happened, so that news told once is old news for ever, whatever its intent id.
 */
final class ToldOnce {
  private ToldOnce() {}

  /**
   * A stage told in this instance.
   *
   * @param occurredAt the latest event time it was told for (a stage can be told again: a second
   *     delivery attempt after a failed one)
   */
  record Told(Stage stage, Instant occurredAt) {}

  /**
   * @param told the stages told in this instance, each once, in the order they were last told
   * @param stage the stage the job entered
   * @param occurredAt when it entered it
   */
  static boolean isNews(List<Told> told, Stage stage, Instant occurredAt) {
    for (Told each : told) {
      if (each.stage() == stage && !occurredAt.isAfter(each.occurredAt())) {
        // This entry into the stage, or a later one, was told: a replay or a late duplicate.
        return false;
      }
    }
    if (told.isEmpty()) {
      return true;
    }
    Told last = told.get(told.size() - 1);
    if (last.stage().terminal() || stage == last.stage()) {
      return false;
    }
    if (last.stage().retries().contains(stage)) {
      // A new attempt after a setback is news; one that happened before the setback is the
      // original attempt arriving late.
      return !occurredAt.isBefore(last.occurredAt());
    }
    if (!stage.retries().isEmpty() && occurredAt.isBefore(last.occurredAt())) {
      // A setback (a failed delivery) older than the news told last is not the customer's news any
      // more: the parcel went out again or arrived since.
      return false;
    }
    return stage.position() > last.stage().position();
  }

  /**
   * What was told once {@code stage} is told for its entry at {@code occurredAt}: the stage moves
   * to the end (told last), with the latest event time it was told for.
   */
  static List<Told> afterTelling(List<Told> told, Stage stage, Instant occurredAt) {
    List<Told> after = new ArrayList<>(told.size() + 1);
    Instant latest = occurredAt;
    for (Told each : told) {
      if (each.stage() == stage) {
        latest = each.occurredAt().isAfter(latest) ? each.occurredAt() : latest;
      } else {
        after.add(each);
      }
    }
    after.add(new Told(stage, latest));
    return after;
  }
}
