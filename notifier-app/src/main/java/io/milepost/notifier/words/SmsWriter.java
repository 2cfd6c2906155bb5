package io.milepost.notifier.words;

import io.milepost.schemas.Reason;
import io.milepost.schemas.ReasonCode;
import io.milepost.schemas.SmsSegments;
import io.milepost.schemas.Stage;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes one text from a template (ICU MessageFormat with named placeholders, see {@link
 * TemplateKind}) and the facts, within {@link #MAX_SEGMENTS} segments as {@link SmsSegments} counts
 * them: the one place a text is fitted. Pure: the template comes from the caller.
 */
public final class SmsWriter {
  public static final int MAX_SEGMENTS = 2;

  /** A business name longer than this is shortened before anything else is left out. */
  static final int MAX_BUSINESS = 40;

  private static final String ELLIPSIS = "...";

  private final Words words;

  SmsWriter(Words words) {
    this.words = words;
  }

  /**
   * The text of {@code kind} from {@code template} in {@code locale}. While it is longer than two
   * segments: the note is left out, then the customer's name, then the kind's optional parts in
   * order, then the business's name is shortened word by word. The news and the link always stay.
   *
   * <p>Before anything is left out, a text that is UCS-2 only for accented letters GSM-7 lacks (á í
   * ó ú: most Spanish texts) is tried with them written plainly (a i o u): 306 characters fit in
   * two GSM-7 segments, 134 in two UCS-2 ones. A text that fits with its accents keeps them.
   *
   * @throws IllegalArgumentException when the template cannot be formatted
   */
  public SmsBody write(TemplateKind kind, String template, Locale locale, SmsFacts facts) {
    Map<String, Object> arguments = arguments(kind, locale, facts);
    List<List<String>> steps = new ArrayList<>();
    steps.add(List.of("note"));
    steps.add(List.of("greeting", "customer"));
    kind.optional().forEach(part -> steps.add(List.of(part)));
    String business = (String) arguments.get("business");
    while (business.length() > MAX_BUSINESS) {
      business = shorten(business);
    }
    arguments.put("business", business);
    int step = 0;
    while (true) {
      String text = tidy(words.messages().format(template, locale, arguments), locale);
      SmsSegments.Length length = SmsSegments.measure(text);
      if (length.segments() <= MAX_SEGMENTS) {
        return new SmsBody(text, locale, length);
      }
      String plain = plain(text);
      if (plain != null && SmsSegments.count(plain) <= MAX_SEGMENTS) {
        return new SmsBody(plain, locale, SmsSegments.measure(plain));
      }
      if (step < steps.size()) {
        steps.get(step++).forEach(part -> arguments.put(part, ""));
      } else if (!business.isEmpty()) {
        business = shorten(business);
        arguments.put("business", business);
      } else {
        // The news and the link alone: nothing left to leave out without losing them.
        return new SmsBody(text, locale, length);
      }
    }
  }

  /** Every placeholder of {@code kind}, rendered in {@code locale}; empty when there is nothing. */
  Map<String, Object> arguments(TemplateKind kind, Locale locale, SmsFacts facts) {
    Map<String, Object> all = new HashMap<>();
    String customer = strip(facts.customerName());
    all.put("business", strip(facts.business()));
    all.put("customer", customer);
    all.put(
        "greeting", customer.isEmpty() ? "" : say("sms.greeting", locale, "customer", customer));
    String note = strip(facts.note());
    all.put("note", note.isEmpty() ? "" : withFullStop(note));
    // A dealer's message (MANUAL_UPDATE) comes as the note, but it is the news: never left out.
    all.put("message", note);
    all.put(
        "link",
        facts.trackingUrl() == null ? "" : say("sms.link", locale, "url", facts.trackingUrl()));
    Stage stage = facts.stage();
    all.put("stage", stage == null ? "" : words.stageSentence(stage, locale));
    all.put("stageLabel", stage == null ? "" : words.stageLabel(stage, locale));
    all.put(
        "passed",
        facts.stagesPassed().isEmpty()
            ? ""
            : say(
                "sms.passed",
                locale,
                "stages",
                facts.stagesPassed().stream()
                    .map(passed -> words.stageLabel(passed, locale).toLowerCase(locale))
                    .collect(Collectors.joining(", "))));
    all.put("passedCount", facts.stagesPassed().size());
    String eta =
        facts.etaAt() == null ? "" : words.time(facts.etaAt(), facts.zone(), facts.now(), locale);
    all.put("eta", eta);
    all.put(
        "expected",
        facts.journey() == null || eta.isEmpty()
            ? ""
            : say("sms.expected." + facts.journey().name(), locale, "time", eta));
    String reason = facts.reason() == null ? "" : words.reason(facts.reason(), locale);
    all.put("reason", reason);
    all.put("because", reason.isEmpty() ? "" : say("sms.because", locale, "reason", reason));
    String promised =
        facts.promisedAt() == null
            ? ""
            : words.time(facts.promisedAt(), facts.zone(), facts.now(), locale);
    // Times are shown to the minute: a promise missed by seconds would read "12:24 PM instead of
    // 12:24 PM", so the promise is repeated only when it reads differently.
    all.put(
        "promised",
        promised.isEmpty() || eta.isEmpty() || promised.equals(eta)
            ? ""
            : say("sms.instead-of", locale, "time", promised));
    all.put("expectNow", eta.isEmpty() ? "" : say("sms.expect-now", locale, "time", eta));
    all.put("promise", words.message("sms.overrun-promise", locale, Map.of()));
    all.put(
        "apology",
        switch (kind) {
          case DELAY_RISK -> words.message("sms.delay-apology", locale, Map.of());
          case SILENCE -> words.message("sms.silence-apology", locale, Map.of());
          default -> "";
        });
    Integer over =
        facts.reason() != null && facts.reason().code() == ReasonCode.STAGE_OVERRUN
            ? facts.reason().minutes()
            : null;
    all.put(
        "overrun", words.reason(new Reason(ReasonCode.STAGE_OVERRUN, stage, over, null), locale));
    all.keySet().retainAll(kind.placeholders());
    return all;
  }

  private String say(String key, Locale locale, String name, Object value) {
    return words.message(key, locale, Map.of(name, value));
  }

  /**
   * Tidies what the parts left: spaces around an empty part, a space before a comma or full stop.
   * Spaces and punctuation that look the same in GSM-7 replace those outside it (ICU puts a narrow
   * no-break space before "PM"; phones type curly quotes): one such character would make the whole
   * text UCS-2, which halves what fits.
   */
  static String tidy(String text, Locale locale) {
    StringBuilder plain = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\u2018', '\u2019', '\u201A', '\u2032' -> plain.append('\'');
        case '\u201C', '\u201D', '\u201E', '\u2033' -> plain.append('"');
        case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212' -> plain.append('-');
        case '\u2026' -> plain.append(ELLIPSIS);
        case '\t' -> plain.append(' ');
        default -> plain.append(Character.getType(c) == Character.SPACE_SEPARATOR ? ' ' : c);
      }
    }
    String tidy =
        plain
            .toString()
            .replaceAll(" {2,}", " ")
            .replaceAll(" +([,.])", "$1")
            // "11:30 a.m." ends a sentence without a second full stop; an ellipsis stays.
            .replaceAll("(?<!\\.)\\.\\.(?!\\.)", ".")
            .replaceAll(" *\n *", "\n")
            .strip();
    // A business name shortened to nothing leaves the text starting with its colon.
    tidy = tidy.replaceFirst("^[:,] *", "");
    return Words.capitalise(tidy, locale);
  }

  /**
   * {@code text} with each letter outside GSM-7 replaced by its base letter (á to a, Ú to U), or
   * null when some character has no such twin (an emoji, a CJK character): then nothing is gained.
   */
  static String plain(String text) {
    StringBuilder plain = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (SmsSegments.isGsm7(c)) {
        plain.append(c);
        continue;
      }
      String decomposed = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
      char base = decomposed.charAt(0);
      boolean onlyMarks =
          decomposed.length() > 1
              && decomposed
                  .substring(1)
                  .codePoints()
                  .allMatch(mark -> Character.getType(mark) == Character.NON_SPACING_MARK);
      if (!onlyMarks || !SmsSegments.isGsm7(base)) {
        return null;
      }
      plain.append(base);
    }
    return plain.toString();
  }

  private static String strip(String text) {
    return text == null ? "" : text.strip();
  }

  private static String withFullStop(String note) {
    return note.endsWith(".") || note.endsWith("!") || note.endsWith("?") || note.endsWith(ELLIPSIS)
        ? note
        : note + ".";
  }

  /** Drops the last word (or ten characters of a very long one) and marks the cut. */
  static String shorten(String text) {
    String body = text.endsWith(ELLIPSIS) ? text.substring(0, text.length() - 3) : text;
    int space = body.lastIndexOf(' ');
    int cut = space > 0 && body.length() - space <= 20 ? space : Math.max(0, body.length() - 10);
    if (cut > 0 && Character.isLowSurrogate(body.charAt(cut))) {
      // Half an emoji is no character at all: cut before the whole pair.
      cut--;
    }
    String shorter = body.substring(0, cut).strip();
    return shorter.isEmpty() ? "" : shorter + ELLIPSIS;
  }
}
