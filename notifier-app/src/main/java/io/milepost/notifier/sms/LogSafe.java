package io.milepost.notifier.sms;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text made fit for logs: phone numbers masked. Twilio's error messages and URLs (a list filtered
 * by {@code To}) can carry the customer's number, and logs leave PostgreSQL's protection.
 */
final class LogSafe {
  /** E.164 and looser national forms, also URL-encoded: a run of digits with separators. */
  private static final Pattern PHONE =
      Pattern.compile("(?:\\+|%2B)?\\d[\\d ()\\-]{5,}\\d", Pattern.CASE_INSENSITIVE);

  /** Fewer digits than this are ids, ports or counts, not phone numbers. */
  private static final int MIN_DIGITS = 7;

  private LogSafe() {}

  /** The text with every phone-number-like run reduced to its last two digits. */
  static String text(String text) {
    if (text == null) {
      return null;
    }
    return PHONE
        .matcher(text)
        .replaceAll(
            match -> {
              String run = match.group();
              String kept = run.replaceAll("\\D", "").length() >= MIN_DIGITS ? mask(run) : run;
              return Matcher.quoteReplacement(kept);
            });
  }

  /** A phone number as logs may show it: "***42". */
  static String phone(String phone) {
    return phone == null ? null : mask(phone);
  }

  private static String mask(String phone) {
    String digits = phone.replaceAll("\\D", "");
    return "***" + (digits.length() > 2 ? digits.substring(digits.length() - 2) : "");
  }
}
