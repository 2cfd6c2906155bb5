package io.milepost.notifier.words;

import io.milepost.schemas.Journey;
import io.milepost.schemas.Reason;
import io.milepost.schemas.ReasonCode;
import io.milepost.schemas.Stage;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The sample values a template preview is written with, wherever it is previewed. */
final class SampleFacts {
  private static final Instant NOW = Instant.parse("2026-11-25T14:05:00Z");
  private static final ZoneId ZONE = ZoneId.of("America/Chicago");

  /** Values the caller chose; null ones take the samples'. */
  record Given(String business, String customer, String note) {}

  private SampleFacts() {}

  static SmsFacts of(
      TemplateKind kind, Stage stage, Locale locale, Given given, Words words, String link) {
    Journey journey = stage.journey();
    return new SmsFacts(
        or(given == null ? null : given.business(), "Acme Motors"),
        or(given == null ? null : given.customer(), "Dana"),
        or(given == null ? null : given.note(), words.message("preview.note", locale, Map.of())),
        kind.mayBeFirst() ? link : null,
        journey,
        stage,
        kind == TemplateKind.STAGE_DIGEST
            ? journey.stages().stream()
                .filter(s -> s.position() < stage.position())
                .limit(2)
                .toList()
            : List.of(),
        NOW.plusSeconds(3 * 3600 + 25 * 60),
        NOW.plusSeconds(2 * 3600),
        new Reason(ReasonCode.TYPICAL_DURATION, stage, 150, 40),
        ZONE,
        NOW);
  }

  private static String or(String value, String sample) {
    return value == null ? sample : value;
  }
}
