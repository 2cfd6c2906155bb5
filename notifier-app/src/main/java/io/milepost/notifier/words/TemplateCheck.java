package io.milepost.notifier.words;

import com.ibm.icu.text.MessagePattern;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Reason;
import io.milepost.schemas.ReasonCode;
import io.milepost.schemas.Stage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a tenant's template can be used: it parses as ICU MessageFormat, names only the
 * placeholders of its kind, places the link where a first text needs one, and fits in two segments
 * with the longest names and notes the contract allows (after leaving out what may be left out),
 * for every stage and reason.
 */
final class TemplateCheck {
  /** One thing wrong with a template, named by the JSON pointer of the request field. */
  /**
   * @param code what kind of problem, for words in a person's language: {@code empty}, {@code
   *     syntax}, {@code numbered}, {@code unknown-placeholder}, {@code link}, {@code render},
   *     {@code too-long}; {@code invalid} for anything else
   * @param message the API's English sentence
   */
  record Problem(String field, String code, String message) {
    Problem(String field, String message) {
      this(field, "invalid", message);
    }
  }

  // Not GSM-7 on purpose: a name or note with accents makes a text UCS-2, the harder case.
  private static final String LONG_WORD = "Ángela Ñúñez ";

  private final SmsWriter writer;
  private final ContractLimits limits;
  private final String sampleLink;

  /** A tracking link as long as the ones this app sends. */
  String sampleLink() {
    return sampleLink;
  }

  TemplateCheck(SmsWriter writer, ContractLimits limits, String trackingPageOfLongestToken) {
    this.writer = writer;
    this.limits = limits;
    this.sampleLink = trackingPageOfLongestToken;
  }

  /** Everything wrong with {@code text} as a template of {@code kind} in {@code locale}. */
  List<Problem> check(TemplateKind kind, String text, Locale locale) {
    List<Problem> problems = checkSyntax(kind, text);
    if (!problems.isEmpty()) {
      return problems;
    }
    Longest longest = longest(kind, text, locale);
    if (longest.segments() > SmsWriter.MAX_SEGMENTS) {
      return List.of(
          new Problem(
              "/text",
              "too-long",
              "takes "
                  + longest.segments()
                  + " segments with the longest values the contract allows, even without the note"
                  + " and the customer's name (at most "
                  + SmsWriter.MAX_SEGMENTS
                  + "): '"
                  + longest.text()
                  + "'"));
    }
    return List.of();
  }

  /** The longest text a template writes over {@link #longestFacts}, and its segments. */
  record Longest(String text, int segments) {}

  /** Whether {@code text} parses, names only {@code kind}'s placeholders and places the link. */
  List<Problem> checkSyntax(TemplateKind kind, String text) {
    if (text == null || text.isBlank()) {
      return new ArrayList<>(List.of(new Problem("/text", "empty", "must not be empty")));
    }
    MessagePattern pattern;
    try {
      pattern = new MessagePattern(text);
    } catch (IllegalArgumentException e) {
      return new ArrayList<>(
          List.of(new Problem("/text", "syntax", "is not ICU MessageFormat: " + e.getMessage())));
    }
    List<Problem> problems = new ArrayList<>();
    Set<String> used = new TreeSet<>();
    for (int i = 0; i < pattern.countParts(); i++) {
      MessagePattern.Part part = pattern.getPart(i);
      if (part.getType() == MessagePattern.Part.Type.ARG_NAME) {
        used.add(pattern.getSubstring(part));
      } else if (part.getType() == MessagePattern.Part.Type.ARG_NUMBER) {
        problems.add(
            new Problem(
                "/text",
                "numbered",
                "{" + pattern.getSubstring(part) + "}: placeholders have names, e.g. {business}"));
      }
    }
    for (String name : used) {
      if (!kind.placeholders().contains(name)) {
        problems.add(
            new Problem(
                "/text",
                "unknown-placeholder",
                "{"
                    + name
                    + "} is not a placeholder of "
                    + kind
                    + "; it may use "
                    + new TreeSet<>(kind.placeholders())
                        .stream().map(p -> "{" + p + "}").toList()));
      }
    }
    if (kind.mayBeFirst() && !used.contains("link")) {
      problems.add(
          new Problem(
              "/text",
              "link",
              "must place {link}: a job's first text carries the tracking link (later texts leave"
                  + " it empty)"));
    }
    if (problems.isEmpty()) {
      try {
        // Formatting finds what parsing does not, e.g. a date style applied to a text.
        writer.write(kind, text, Locale.ENGLISH, longestFacts(kind).get(0));
      } catch (IllegalArgumentException e) {
        problems.add(new Problem("/text", "render", "cannot be rendered: " + e.getMessage()));
      }
    }
    return problems;
  }

  /** Writes {@code text} for every one of {@link #longestFacts}: the longest result. */
  Longest longest(TemplateKind kind, String text, Locale locale) {
    Longest worst = new Longest("", 0);
    for (SmsFacts facts : longestFacts(kind)) {
      SmsBody body = writer.write(kind, text, locale, facts);
      if (body.length().segments() > worst.segments()) {
        worst = new Longest(body.text(), body.length().segments());
      }
    }
    return worst;
  }

  /**
   * Facts with every value as long as the contract allows, one per stage (and reason code, for
   * kinds that say one): a first text with the link, times on another day in UTC.
   */
  List<SmsFacts> longestFacts(TemplateKind kind) {
    String business = longText(limits.locationName());
    String customer = longText(limits.customerName());
    String note = longText(limits.note());
    Instant now = Instant.parse("2026-11-25T23:59:00Z");
    Instant eta = Instant.parse("2026-11-28T12:48:00Z");
    Instant promised = Instant.parse("2026-11-27T10:37:00Z");
    List<SmsFacts> all = new ArrayList<>();
    List<ReasonCode> codes =
        kind.placeholders().contains("reason") || kind == TemplateKind.STAGE_OVERRUN
            ? List.of(ReasonCode.values())
            : List.of(ReasonCode.PRODUCER_ETA);
    for (Stage stage : Stage.values()) {
      Journey journey = stage.journey();
      List<Stage> passed =
          journey.stages().stream().filter(other -> other.position() < stage.position()).toList();
      for (ReasonCode code : codes) {
        // 599 minutes is the longest way a length is said: "9 hours 59 minutes".
        Reason reason = new Reason(code, stage, 599, 40);
        all.add(
            new SmsFacts(
                business,
                customer,
                note,
                kind.mayBeFirst() ? sampleLink : null,
                journey,
                stage,
                kind == TemplateKind.STAGE_DIGEST ? passed : List.of(),
                eta,
                promised,
                reason,
                ZoneOffset.UTC,
                now));
      }
    }
    return all;
  }

  private static String longText(int length) {
    return LONG_WORD.repeat(length / LONG_WORD.length() + 1).substring(0, length).strip();
  }
}
