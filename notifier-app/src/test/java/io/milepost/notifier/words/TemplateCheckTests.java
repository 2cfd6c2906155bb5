package io.milepost.notifier.words;

import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.notifier.job.TrackingTokens;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** What a tenant's template must be before it is stored. */
class TemplateCheckTests {
  private static final Words WORDS = Words.shipped();
  private static final TemplateCheck CHECK =
      new TemplateCheck(
          new SmsWriter(WORDS),
          ContractLimits.fromSchemas(),
          "https://notify.example.test/track/" + "x".repeat(TrackingTokens.LENGTH));

  @Test
  void everyShippedTemplatePassesItsOwnCheck() {
    for (TemplateKind kind : TemplateKind.values()) {
      for (Locale locale : Words.SHIPPED) {
        assertThat(CHECK.check(kind, WORDS.messages().pattern(kind.key(), locale), locale))
            .as(kind + " " + locale)
            .isEmpty();
      }
    }
  }

  @Test
  void aTenantsOwnWordsWithItsPlaceholdersPass() {
    assertThat(
            CHECK.check(
                TemplateKind.STAGE_DIGEST,
                "{business}: {passedCount, plural, one {one more step done} other {# more steps"
                    + " done}}, now {stageLabel}. {link}",
                Locale.ENGLISH))
        .isEmpty();
  }

  @Test
  void anUnknownPlaceholderIsNamed() {
    assertThat(
            CHECK.check(TemplateKind.SILENCE, "{business}: {stage} {eta} {link}", Locale.ENGLISH))
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.field()).isEqualTo("/text");
              assertThat(problem.message()).startsWith("{eta} is not a placeholder of SILENCE");
            });
  }

  @Test
  void aPlaceholderInsideAPluralIsCheckedToo() {
    assertThat(
            CHECK.check(
                TemplateKind.STAGE_DIGEST,
                "{business}: {passedCount, plural, one {{typo}} other {#}} {link}",
                Locale.ENGLISH))
        .singleElement()
        .satisfies(problem -> assertThat(problem.message()).startsWith("{typo} is not"));
  }

  @Test
  void unparsableIcuIsRefusedWithIcusReason() {
    assertThat(CHECK.check(TemplateKind.STAGE_CHANGED, "{business: {stage} {link}", Locale.ENGLISH))
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.field()).isEqualTo("/text");
              assertThat(problem.message()).startsWith("is not ICU MessageFormat:");
            });
    assertThat(
            CHECK.check(
                TemplateKind.STAGE_CHANGED, "{stage, plural, one {x}} {link}", Locale.ENGLISH))
        .singleElement()
        .satisfies(
            problem -> assertThat(problem.message()).startsWith("is not ICU MessageFormat:"));
  }

  @Test
  void numberedPlaceholdersAndAMissingLinkAreRefused() {
    assertThat(CHECK.check(TemplateKind.STAGE_CHANGED, "{0}: {stage}", Locale.ENGLISH))
        .extracting(TemplateCheck.Problem::message)
        .anySatisfy(message -> assertThat(message).startsWith("{0}: placeholders have names"))
        .anySatisfy(message -> assertThat(message).startsWith("must place {link}"));
    // The survey is never a first text: it has no link to place.
    assertThat(CHECK.check(TemplateKind.CSAT_SURVEY, "{business}: reply 1-5", Locale.ENGLISH))
        .isEmpty();
  }

  @Test
  void aTemplateThatCannotFitTwoSegmentsWhateverIsLeftOutIsRefused() {
    // 320 characters of its own: more than two segments hold, whatever is left out.
    String wordy =
        "{business}: " + "We are glad to tell you how it goes. ".repeat(9) + "{stage}. {link}";
    assertThat(CHECK.check(TemplateKind.STAGE_CHANGED, wordy, Locale.ENGLISH))
        .singleElement()
        .satisfies(problem -> assertThat(problem.message()).startsWith("takes 4 segments"));
  }
}
