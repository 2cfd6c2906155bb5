package io.milepost.notifier.ops;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lengths of time as people type them in the console's forms: "1d 2h 30m", "45m", "90s", or
 * ISO-8601 ("PT2H") as the API takes them. Written back the same short way.
 */
final class FormDurations {
  private static final Pattern SHORT =
      Pattern.compile(
          "(?:(\\d{1,6})\\s*d)?\\s*(?:(\\d{1,6})\\s*h)?\\s*(?:(\\d{1,7})\\s*m(?:in)?)?"
              + "\\s*(?:(\\d{1,9})\\s*s)?");

  private FormDurations() {}

  /** The length typed, or empty when it is not one (negative lengths cannot be typed). */
  static Optional<Duration> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String typed = text.strip().toLowerCase(Locale.ROOT);
    if (typed.startsWith("p")) {
      try {
        Duration iso = Duration.parse(typed.toUpperCase(Locale.ROOT));
        return iso.isNegative() ? Optional.empty() : Optional.of(iso);
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    Matcher m = SHORT.matcher(typed);
    if (!m.matches()
        || (m.group(1) == null && m.group(2) == null && m.group(3) == null && m.group(4) == null)) {
      return Optional.empty();
    }
    return Optional.of(
        Duration.ofDays(number(m.group(1)))
            .plusHours(number(m.group(2)))
            .plusMinutes(number(m.group(3)))
            .plusSeconds(number(m.group(4))));
  }

  /** "1d 2h 30m"; "0m" for zero; seconds only when there are any. */
  static String format(Duration duration) {
    if (duration.isZero()) {
      return "0m";
    }
    StringBuilder text = new StringBuilder();
    append(text, duration.toDaysPart(), "d");
    append(text, duration.toHoursPart(), "h");
    append(text, duration.toMinutesPart(), "m");
    append(text, duration.toSecondsPart(), "s");
    return text.toString();
  }

  /** As the wire contract writes durations: ISO-8601 of days, hours, minutes, seconds. */
  static String iso(Duration duration) {
    if (duration.isZero()) {
      return "PT0S";
    }
    long days = duration.toDaysPart();
    Duration rest = duration.minusDays(days);
    if (rest.isZero()) {
      return "P" + days + "D";
    }
    String time = rest.toString().substring(1); // "T2H30M"
    return days == 0 ? "P" + time : "P" + days + "D" + time;
  }

  private static void append(StringBuilder text, long amount, String unit) {
    if (amount > 0) {
      if (!text.isEmpty()) {
        text.append(' ');
      }
      text.append(amount).append(unit);
    }
  }

  private static long number(String digits) {
    return digits == null ? 0 : Long.parseLong(digits);
  }
}
