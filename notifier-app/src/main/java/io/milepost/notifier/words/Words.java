package io.milepost.notifier.words;

import io.milepost.schemas.AlertKind;
import io.milepost.schemas.Reason;
import io.milepost.schemas.Stage;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The customer-facing words that more than one place says, in the reader's language: stage labels
 * and sentences, reason codes ({@link Reason}) and alerts, lengths of time, times of day. Every one
 * comes from the message bundles through the app's one ICU {@code messageSource}; this class only
 * picks the key and the arguments.
 */
public final class Words {
  /** The bundles' base name: {@code messages.properties} (English), {@code messages_es...}. */
  static final String BUNDLES = "messages";

  /**
   * The pages' words, one bundle per face so each is read (and translated) as a whole: shared
   * layout and login, the customer's tracking page, the dealer's board, the ops console.
   */
  static final String[] PAGE_BUNDLES = {
    "pages/common", "pages/track", "pages/board", "pages/ops", "pages/admin"
  };

  /** The languages the bundles ship (a test holds each to its bundle); English is the base. */
  public static final List<Locale> SHIPPED = List.of(Locale.ENGLISH, Locale.forLanguageTag("es"));

  private final IcuMessageSource messages;

  Words(IcuMessageSource messages) {
    this.messages = messages;
  }

  /** The shipped bundles, without Spring: for code and tests that are not beans. */
  public static Words shipped() {
    return new Words(new IcuMessageSource(BUNDLES));
  }

  IcuMessageSource messages() {
    return messages;
  }

  /** Whether the shipped bundles speak {@code locale}'s language (else they answer in English). */
  public boolean speaks(Locale locale) {
    return messages.speaks(locale);
  }

  /** The bundle's message {@code key} with named arguments. */
  public String message(String key, Locale locale, Map<String, ?> arguments) {
    return messages.getMessage(key, new Object[] {arguments}, locale);
  }

  /** A stage's name on a page, e.g. "Waiting for parts", "Esperando piezas". */
  public String stageLabel(Stage stage, Locale locale) {
    return message("stage.label." + stage.name(), locale, Map.of());
  }

  /** Where a job stands, as a clause: "your vehicle is waiting for parts". */
  public String stageSentence(Stage stage, Locale locale) {
    return message("stage.sentence." + stage.name(), locale, Map.of());
  }

  /** A stage as a step of the work, to say how long it takes: "waiting for parts", "the repair". */
  public String step(Stage stage, Locale locale) {
    return message(
        stage == null ? "stage.step.unknown" : "stage.step." + stage.name(), locale, Map.of());
  }

  /**
   * Why an ETA is what it is, or why a customer hears of a delay, e.g. "waiting for parts usually
   * takes about 25 hours". Lower case, no full stop: it reads after "because".
   */
  public String reason(Reason reason, Locale locale) {
    String key = "reason." + reason.code().name();
    if (reason.minutes() == null) {
      String without = key + ".no-length";
      if (messages.pattern(without, locale) != null) {
        key = without;
      }
    }
    return message(
        key,
        locale,
        Map.of(
            "step",
            step(reason.stage(), locale),
            "length",
            reason.minutes() == null ? "" : duration(reason.minutes(), locale)));
  }

  /** {@link #reason} as a sentence: capitalised, with a full stop. */
  public String reasonSentence(Reason reason, Locale locale) {
    return capitalise(reason(reason, locale), locale) + ".";
  }

  /** What an open alert of this kind, raised in {@code stage}, means for the customer. */
  public String alert(AlertKind kind, Stage stage, Locale locale) {
    return capitalise(
        message("alert." + kind.name(), locale, Map.of("step", step(stage, locale))), locale);
  }

  /**
   * A length of time as people say it: exact below ten hours ("1 hour 30 minutes"), in whole hours
   * below two days ("about 25 hours"), then in days ("about 3 days").
   */
  public String duration(int minutes, Locale locale) {
    if (minutes < 60) {
      return message("duration.minutes", locale, Map.of("minutes", minutes));
    }
    if (minutes < 600) {
      int rest = minutes % 60;
      return rest == 0
          ? message("duration.hours", locale, Map.of("hours", minutes / 60))
          : message(
              "duration.hours-minutes", locale, Map.of("hours", minutes / 60, "minutes", rest));
    }
    if (minutes < 48 * 60) {
      return message("duration.about-hours", locale, Map.of("hours", Math.round(minutes / 60f)));
    }
    return message("duration.about-days", locale, Map.of("days", Math.round(minutes / (24 * 60f))));
  }

  /**
   * A time of day in {@code zone} and the reader's language ("5:30 PM", "17:30"); with the day when
   * that is another day there than {@code now}; with "UTC" when no better zone was known.
   */
  public String time(Instant at, ZoneId zone, Instant now, Locale locale) {
    ZoneId where = zone == null ? ZoneOffset.UTC : zone;
    ZonedDateTime local = at.atZone(where);
    boolean sameDay = now != null && local.toLocalDate().equals(now.atZone(where).toLocalDate());
    String time =
        message(sameDay ? "time.same-day" : "time.other-day", locale, Map.of("at", local));
    return where.normalized().equals(ZoneOffset.UTC)
        ? message("time.utc", locale, Map.of("time", time))
        : time;
  }

  static String capitalise(String text, Locale locale) {
    return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(locale) + text.substring(1);
  }
}
