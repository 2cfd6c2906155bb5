package io.milepost.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.schemas.SmsSegments.Encoding;
import io.milepost.schemas.SmsSegments.Length;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fixed vectors written by hand from GSM 03.38 and the carriers' 160/153 and 70/67 rules: every
 * expected number below was worked out on paper, none is produced by the counter.
 */
class SmsSegmentsTest {

  @Test
  void plainGsmTextFits160AloneAnd153PerPart() {
    assertThat(SmsSegments.measure("a".repeat(160))).isEqualTo(new Length(Encoding.GSM_7, 160, 1));
    assertThat(SmsSegments.measure("a".repeat(161))).isEqualTo(new Length(Encoding.GSM_7, 161, 2));
    assertThat(SmsSegments.measure("a".repeat(306))).isEqualTo(new Length(Encoding.GSM_7, 306, 2));
    assertThat(SmsSegments.measure("a".repeat(307))).isEqualTo(new Length(Encoding.GSM_7, 307, 3));
    assertThat(SmsSegments.measure("")).isEqualTo(new Length(Encoding.GSM_7, 0, 1));
  }

  /** Each of the nine printable extension characters is an escape plus a septet. */
  @ParameterizedTest
  @ValueSource(strings = {"{", "}", "[", "]", "~", "\\", "|", "^", "€"})
  void extensionCharactersCountDouble(String extension) {
    // 158 + 2 = 160 septets: still one segment.
    assertThat(SmsSegments.measure("a".repeat(158) + extension))
        .isEqualTo(new Length(Encoding.GSM_7, 160, 1));
    // 159 + 2 = 161 septets: two.
    assertThat(SmsSegments.measure("a".repeat(159) + extension))
        .isEqualTo(new Length(Encoding.GSM_7, 161, 2));
  }

  @Test
  void eightyEurosAreOneSegmentAndEightyOneAreTwo() {
    assertThat(SmsSegments.measure("€".repeat(80))).isEqualTo(new Length(Encoding.GSM_7, 160, 1));
    assertThat(SmsSegments.measure("€".repeat(81))).isEqualTo(new Length(Encoding.GSM_7, 162, 2));
  }

  @Test
  void anEscapeSequenceIsNeverSplitAcrossParts() {
    // 152 'a' + '{' would be 154 septets in the first part: the '{' moves whole to the second.
    // Parts: 152 | 2 + 152 = 154 > 153, so the last 'a's spill into a third part.
    String text = "a".repeat(152) + "{" + "a".repeat(152);
    assertThat(SmsSegments.measure(text)).isEqualTo(new Length(Encoding.GSM_7, 306, 3));
    // Without the split problem: '{' first, then 304 'a' = 306 septets in exactly two parts.
    assertThat(SmsSegments.measure("{" + "a".repeat(304)))
        .isEqualTo(new Length(Encoding.GSM_7, 306, 2));
  }

  @Test
  void oneCharacterOutsideGsmMakesTheWholeTextUcs2At70And67() {
    assertThat(SmsSegments.measure("a".repeat(69) + "✓"))
        .isEqualTo(new Length(Encoding.UCS_2, 70, 1));
    assertThat(SmsSegments.measure("a".repeat(70) + "✓"))
        .isEqualTo(new Length(Encoding.UCS_2, 71, 2));
    assertThat(SmsSegments.measure("a".repeat(133) + "✓"))
        .isEqualTo(new Length(Encoding.UCS_2, 134, 2));
    assertThat(SmsSegments.measure("a".repeat(134) + "✓"))
        .isEqualTo(new Length(Encoding.UCS_2, 135, 3));
  }

  @Test
  void anEmojiIsASurrogatePairOfTwoUnitsAndIsNeverSplit() {
    assertThat("🚗".length()).isEqualTo(2);
    assertThat(SmsSegments.measure("🚗")).isEqualTo(new Length(Encoding.UCS_2, 2, 1));
    assertThat(SmsSegments.measure("🚗".repeat(35))).isEqualTo(new Length(Encoding.UCS_2, 70, 1));
    assertThat(SmsSegments.measure("a".repeat(69) + "🚗"))
        .isEqualTo(new Length(Encoding.UCS_2, 71, 2));
    // 66 units + a pair would end the first part at 68 > 67: the pair moves whole. Parts: 66 | 2 +
    // 65
    // = 67. Two segments; one more 'a' makes three.
    assertThat(SmsSegments.measure("a".repeat(66) + "🚗" + "a".repeat(65)))
        .isEqualTo(new Length(Encoding.UCS_2, 133, 2));
    assertThat(SmsSegments.measure("a".repeat(66) + "🚗" + "a".repeat(66)))
        .isEqualTo(new Length(Encoding.UCS_2, 134, 3));
  }

  /** GSM 03.38 has é É ñ Ñ ü Ü ¿ ¡ (and à è ì ò ù), but not á í ó ú, their capitals, nor ç. */
  @ParameterizedTest
  @CsvSource({
    "é, GSM_7",
    "É, GSM_7",
    "ñ, GSM_7",
    "Ñ, GSM_7",
    "ü, GSM_7",
    "Ü, GSM_7",
    "¿, GSM_7",
    "¡, GSM_7",
    "à, GSM_7",
    "ò, GSM_7",
    "á, UCS_2",
    "í, UCS_2",
    "ó, UCS_2",
    "ú, UCS_2",
    "Á, UCS_2",
    "Í, UCS_2",
    "Ó, UCS_2",
    "Ú, UCS_2",
    "ç, UCS_2",
    "–, UCS_2"
  })
  void accentedSpanish(String letter, Encoding expected) {
    assertThat(SmsSegments.measure("Hola " + letter).encoding()).isEqualTo(expected);
  }

  @Test
  void spanishSentencesCountAsWrittenByHand() {
    // "¿Señor Núñez?": ú forces UCS-2; 13 UTF-16 units.
    assertThat(SmsSegments.measure("¿Señor Núñez?")).isEqualTo(new Length(Encoding.UCS_2, 13, 1));
    // "¡Mañana, señor!": all GSM-7 (¡ ñ are in the table); 15 septets.
    assertThat(SmsSegments.measure("¡Mañana, señor!")).isEqualTo(new Length(Encoding.GSM_7, 15, 1));
    // 66 'a' + "está" = 70 units in UCS-2: one segment; one more 'a' makes two.
    assertThat(SmsSegments.measure("a".repeat(66) + "está"))
        .isEqualTo(new Length(Encoding.UCS_2, 70, 1));
    assertThat(SmsSegments.measure("a".repeat(67) + "está"))
        .isEqualTo(new Length(Encoding.UCS_2, 71, 2));
    // 156 'a' + "café" = 160 septets in GSM-7 (é is in the table): one segment.
    assertThat(SmsSegments.measure("a".repeat(156) + "café"))
        .isEqualTo(new Length(Encoding.GSM_7, 160, 1));
  }

  @Test
  void lineBreaksAreGsmButATabIsNot() {
    assertThat(SmsSegments.measure("a\nb\r").encoding()).isEqualTo(Encoding.GSM_7);
    assertThat(SmsSegments.measure("a\tb").encoding()).isEqualTo(Encoding.UCS_2);
  }
}
