package io.milepost.notifier.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsSegmentsTests {

  @Test
  void gsmTextFitsOneHundredSixtyCharactersInOneSegment() {
    assertThat(SmsSegments.count("a".repeat(160))).isEqualTo(1);
    assertThat(SmsSegments.count("a".repeat(161))).isEqualTo(2);
    assertThat(SmsSegments.count("a".repeat(306))).isEqualTo(2);
    assertThat(SmsSegments.count("a".repeat(307))).isEqualTo(3);
  }

  @Test
  void extensionCharactersCostTwoSeptets() {
    assertThat(SmsSegments.count("€".repeat(80))).isEqualTo(1);
    assertThat(SmsSegments.count("€".repeat(81))).isEqualTo(2);
  }

  @Test
  void oneCharacterOutsideGsmMakesTheWholeTextUcs2() {
    assertThat(SmsSegments.count("a".repeat(69) + "✓")).isEqualTo(1);
    assertThat(SmsSegments.count("a".repeat(70) + "✓")).isEqualTo(2);
    assertThat(SmsSegments.count("a".repeat(133) + "✓")).isEqualTo(2);
    assertThat(SmsSegments.count("a".repeat(134) + "✓")).isEqualTo(3);
  }
}
