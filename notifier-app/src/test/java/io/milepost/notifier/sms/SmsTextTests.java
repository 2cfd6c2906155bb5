package io.milepost.notifier.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.schemas.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SmsTextTests {
  private static final String LINK = "https://notify.example.com/track/AbCdEfGhIjKlMnOpQrStUvWx";

  @Test
  void aStageChangeIsOneShortSentenceWithTheNoteAndTheLink() {
    assertThat(SmsText.stageChanged("Acme Motors", Stage.IN_REPAIR, "Pads ordered", LINK))
        .isEqualTo("Acme Motors: your vehicle is now in repair. Pads ordered. Track it: " + LINK);
  }

  @ParameterizedTest
  @EnumSource(Stage.class)
  void everyStageFitsOneSegmentWithTheLink(Stage stage) {
    String text = SmsText.stageChanged("Acme Motors", stage, null, LINK);

    assertThat(SmsSegments.count(text)).isEqualTo(1);
  }

  @Test
  void aLongNoteIsShortenedToTwoSegmentsButTheLinkStaysWhole() {
    String note = "We found a worn timing belt and cracked hoses. ".repeat(12);

    String text = SmsText.stageChanged("Acme Motors", Stage.AWAITING_APPROVAL, note, LINK);

    assertThat(SmsSegments.count(text)).isEqualTo(SmsText.MAX_SEGMENTS);
    assertThat(text).endsWith(" Track it: " + LINK).contains("timing belt").contains("...");
  }

  @Test
  void aNoteInAnAlphabetGsmLacksIsShortenedByUcs2Rules() {
    String note = "Ваш автомобиль готов, ждём вас до семи вечера. ".repeat(6);

    String text = SmsText.stageChanged("Acme Motors", Stage.READY_FOR_PICKUP, note, null);

    assertThat(SmsSegments.count(text)).isLessThanOrEqualTo(SmsText.MAX_SEGMENTS);
    assertThat(text.length()).isLessThanOrEqualTo(134);
  }
}
