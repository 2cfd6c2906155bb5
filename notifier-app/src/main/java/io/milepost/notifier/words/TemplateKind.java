package io.milepost.notifier.words;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A kind of SMS, with the placeholders its template may use. Every intent kind the engine emits
 * that tells the customer something has one: STAGE_CHANGED (and CONTACT_CHANGED's catch-up text) is
 * {@link #STAGE_CHANGED} or, with {@code stagesPassed}, {@link #STAGE_DIGEST}; the recurring kinds
 * have their own; {@link #CSAT_SURVEY} is the survey sent when a job closes.
 *
 * <p>Placeholders every kind has: {@code business} (the tenant's name), {@code customer} (their
 * name, or empty), {@code greeting} ("Hi Dana," or empty), {@code note} (the event's note with a
 * full stop, or empty) and {@code link} ("Track it: https://...", only in a job's first text). When
 * a text would not fit in two segments, what is left out first is the note, then the customer's
 * name, then the kind's {@link #optional} parts in their order, then the business's name is
 * shortened; the link and the news itself stay.
 */
public enum TemplateKind {
  STAGE_CHANGED("stage.changed", true, List.of("stage", "stageLabel"), List.of()),
  /** Several stage changes in one text: the latest stage, then the ones passed since. */
  STAGE_DIGEST(
      "stage.digest",
      true,
      List.of("stage", "stageLabel", "passed", "passedCount"),
      List.of("passed")),
  ETA_CHANGED(
      "eta.changed",
      true,
      List.of("stage", "expected", "eta", "because", "reason"),
      List.of("because")),
  DELAY_RISK(
      "delay.risk",
      true,
      List.of("stage", "eta", "promised", "because", "reason", "apology"),
      List.of("apology", "because", "promised")),
  STAGE_OVERRUN(
      "stage.overrun",
      true,
      List.of("stage", "overrun", "expectNow", "promise"),
      List.of("promise", "expectNow")),
  SILENCE("silence.apology", true, List.of("stage", "apology"), List.of("apology")),
  /** "Reply 1-5": never a job's first text, so it has no link. */
  CSAT_SURVEY("csat.survey", false, List.of(), List.of()),
  /**
   * A dealer's own words, sent from the board: {@code message} is what they typed, kept whole (the
   * board refuses a message that does not fit). Never a job's first text, so it has no link.
   */
  MANUAL_UPDATE("manual.update", false, List.of("message", "stageLabel"), List.of());

  private final String key;
  private final boolean mayBeFirst;
  private final Set<String> placeholders;
  private final List<String> optional;

  TemplateKind(String key, boolean mayBeFirst, List<String> own, List<String> optional) {
    this.key = key;
    this.mayBeFirst = mayBeFirst;
    Set<String> all =
        new LinkedHashSet<>(
            // A kind that is never a first text has no link, nor a note from an event.
            mayBeFirst
                ? List.of("business", "customer", "greeting", "note", "link")
                : List.of("business", "customer", "greeting"));
    all.addAll(own);
    this.placeholders = Set.copyOf(all);
    this.optional = optional;
  }

  /** The shipped template's key in the message bundles, e.g. {@code csat.survey}. */
  public String key() {
    return key;
  }

  /**
   * Whether this kind can be a job's first text, which carries the tracking link: then its template
   * must place {@code {link}}.
   */
  public boolean mayBeFirst() {
    return mayBeFirst;
  }

  /** The placeholders a template of this kind may use, in no particular order. */
  public Set<String> placeholders() {
    return placeholders;
  }

  /** The parts left out, in this order, after the note and the customer's name. */
  List<String> optional() {
    return optional;
  }
}
