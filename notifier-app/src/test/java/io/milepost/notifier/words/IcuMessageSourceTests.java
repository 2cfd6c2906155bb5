package io.milepost.notifier.words;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/** The app's messageSource: bundles, ICU formatting, fallbacks that never follow the JVM. */
class IcuMessageSourceTests {
  private static final Locale ES = Locale.forLanguageTag("es");
  private final IcuMessageSource messages = new IcuMessageSource(Words.BUNDLES);
  private final Locale jvmDefault = Locale.getDefault();

  @AfterEach
  void restoreTheJvmLocale() {
    Locale.setDefault(jvmDefault);
  }

  @Test
  void namedAndNumberedArgumentsAndIcuPlurals() {
    assertThat(messages.getMessage("duration.hours", new Object[] {Map.of("hours", 1)}, Locale.US))
        .isEqualTo("1 hour");
    assertThat(messages.getMessage("duration.hours", new Object[] {Map.of("hours", 3)}, ES))
        .isEqualTo("3 horas");
    assertThat(messages.getMessage("stage.label.IN_REPAIR", null, ES)).isEqualTo("En reparación");
    assertThat(
            messages.getMessage(
                new DefaultMessageSourceResolvable(new String[] {"no.such.key"}, "{0} of {1}"),
                Locale.US))
        .isEqualTo("{0} of {1}");
  }

  @Test
  void aTimeIsReadInTheZoneItIsGivenIn() {
    Instant at = Instant.parse("2026-11-25T23:30:00Z");
    String chicago =
        messages.getMessage(
            "time.same-day",
            new Object[] {Map.of("at", at.atZone(ZoneId.of("America/Chicago")))},
            Locale.US);
    String madrid =
        messages.getMessage(
            "time.same-day",
            new Object[] {Map.of("at", at.atZone(ZoneId.of("Europe/Madrid")))},
            ES);
    assertThat(chicago.replace('\u202F', ' ')).isEqualTo("5:30 PM");
    assertThat(madrid).isEqualTo("0:30");
  }

  @Test
  void aKeyMissingInALanguageFallsBackToEnglishNotToTheJvmLocale() {
    Locale.setDefault(ES);
    // No French bundle: English, though the JVM speaks Spanish.
    assertThat(messages.getMessage("stage.label.IN_REPAIR", null, Locale.FRENCH))
        .isEqualTo("In repair");
    assertThat(messages.speaks(Locale.FRENCH)).isFalse();
    assertThat(messages.speaks(Locale.forLanguageTag("es-MX"))).isTrue();
    assertThat(messages.speaks(Locale.UK)).isTrue();
  }

  @Test
  void anUnknownKeyIsAnErrorNotTheKeyItself() {
    assertThatThrownBy(() -> messages.getMessage("no.such.key", null, Locale.US))
        .isInstanceOf(NoSuchMessageException.class);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("bundles")
  void everyKeyOfEachLanguageIsInTheOthers(String basename) {
    java.util.ResourceBundle english =
        java.util.ResourceBundle.getBundle(
            basename,
            Locale.ROOT,
            java.util.ResourceBundle.Control.getNoFallbackControl(
                java.util.ResourceBundle.Control.FORMAT_PROPERTIES));
    java.util.ResourceBundle spanish =
        java.util.ResourceBundle.getBundle(
            basename,
            ES,
            java.util.ResourceBundle.Control.getNoFallbackControl(
                java.util.ResourceBundle.Control.FORMAT_PROPERTIES));
    assertThat(spanish.getLocale()).isEqualTo(ES);
    assertThat(spanish.keySet()).isEqualTo(english.keySet());
    // Every pattern parses as ICU: a stray apostrophe or brace would break a page at run time.
    for (String key : english.keySet()) {
      new com.ibm.icu.text.MessageFormat(english.getString(key));
      new com.ibm.icu.text.MessageFormat(spanish.getString(key));
    }
  }

  static java.util.stream.Stream<String> bundles() {
    return java.util.stream.Stream.concat(
        java.util.stream.Stream.of(Words.BUNDLES), java.util.Arrays.stream(Words.PAGE_BUNDLES));
  }

  @Test
  void pageWordsComeAfterTheTextsBundle() {
    IcuMessageSource all = new IcuMessageSource(Words.BUNDLES, "pages/common");
    assertThat(all.getMessage("page.app", null, ES)).isEqualTo("Milepost");
    assertThat(all.getMessage("stage.label.IN_REPAIR", null, ES)).isNotBlank();
  }
}
