package io.milepost.notifier.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FormDurationsTests {

  @Test
  void readsLengthsAsPeopleTypeThemAndAsTheApiWritesThem() {
    assertThat(FormDurations.parse("1d 2h 30m")).hasValue(Duration.ofMinutes(24 * 60 + 150));
    assertThat(FormDurations.parse(" 45m ")).hasValue(Duration.ofMinutes(45));
    assertThat(FormDurations.parse("2H")).hasValue(Duration.ofHours(2));
    assertThat(FormDurations.parse("90s")).hasValue(Duration.ofSeconds(90));
    assertThat(FormDurations.parse("10min")).hasValue(Duration.ofMinutes(10));
    assertThat(FormDurations.parse("PT2H")).hasValue(Duration.ofHours(2));
    assertThat(FormDurations.parse("0m")).hasValue(Duration.ZERO);
  }

  @Test
  void refusesWhatIsNoLength() {
    assertThat(FormDurations.parse("soon")).isEmpty();
    assertThat(FormDurations.parse("")).isEmpty();
    assertThat(FormDurations.parse(null)).isEmpty();
    assertThat(FormDurations.parse("-2h")).isEmpty();
    assertThat(FormDurations.parse("PT-2H")).isEmpty();
    assertThat(FormDurations.parse("2h 1d")).isEmpty();
  }

  @Test
  void writesTheShortFormAndIsoThatReadBackTheSame() {
    Duration length = Duration.ofDays(1).plusHours(2).plusMinutes(30);
    assertThat(FormDurations.format(length)).isEqualTo("1d 2h 30m");
    assertThat(FormDurations.format(Duration.ZERO)).isEqualTo("0m");
    assertThat(FormDurations.iso(length)).isEqualTo("P1DT2H30M");
    assertThat(FormDurations.iso(Duration.ofDays(2))).isEqualTo("P2D");
    assertThat(FormDurations.iso(Duration.ofMinutes(15))).isEqualTo("PT15M");
    assertThat(FormDurations.iso(Duration.ZERO)).isEqualTo("PT0S");
    assertThat(FormDurations.parse(FormDurations.format(length))).hasValue(length);
  }
}
