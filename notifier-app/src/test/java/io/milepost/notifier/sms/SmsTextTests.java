package io.milepost.notifier.sms;

import io.milepost.schemas.SmsSegments;

import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.schemas.Journey;
import io.milepost.schemas.Reason;
import io.milepost.schemas.ReasonCode;
import io.milepost.schemas.Stage;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

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

  private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  // Noon in Chicago; 5:30 PM and 4:00 PM there the same day.
  private static final Instant NOON = Instant.parse("2026-11-24T18:00:00Z");
  private static final Instant HALF_FIVE = Instant.parse("2026-11-24T23:30:00Z");
  private static final Instant FOUR = Instant.parse("2026-11-24T22:00:00Z");
  private static final Reason PARTS =
      new Reason(ReasonCode.TYPICAL_DURATION, Stage.WAITING_FOR_PARTS, 1500, 61);
  private static final String LONG_NAME =
      "The Very Long Name Of A Family Owned Dealership And Service Centre Of Greater Springfield"
          .repeat(4);

  @Test
  void anEtaChangeSaysTheNewTimeInTheCustomersZoneAndWhy() {
    assertThat(
            SmsText.etaChanged(
                "Acme Motors", Journey.VEHICLE_SERVICE, HALF_FIVE, PARTS, CHICAGO, NOON, null))
        .isEqualTo(
            "Acme Motors: your vehicle should now be ready around 5:30 PM, because waiting for"
                + " parts usually takes about 25 hours.");
  }

  @Test
  void anEtaOnAnotherDayNamesTheDayAndWithoutAZoneSaysUtc() {
    assertThat(
            SmsText.etaChanged(
                "Swift Parcels",
                Journey.DELIVERY,
                Instant.parse("2026-11-25T14:00:00Z"),
                Reason.of(ReasonCode.PRODUCER_ETA),
                null,
                Instant.parse("2026-11-24T05:15:00Z"),
                null))
        .isEqualTo(
            "Swift Parcels: your parcel should now arrive around 2:00 PM on Wed 25 Nov UTC,"
                + " because that is the time our team has given.");
  }

  @Test
  void aDelayRiskSaysWeWillBeLaterThanPromisedWhenAndWhy() {
    assertThat(SmsText.delayRisk("Acme Motors", HALF_FIVE, FOUR, PARTS, CHICAGO, NOON, null))
        .isEqualTo(
            "Acme Motors: we expect to be later than promised: now around 5:30 PM instead of"
                + " 4:00 PM, because waiting for parts usually takes about 25 hours. We are sorry"
                + " for the wait.");
  }

  @Test
  void aDelayRiskDoesNotRepeatAPromiseThatReadsTheSameAsTheNewTime() {
    // Seen in the local demo, where a day runs 600 times faster: a promise missed by seconds.
    Instant promised = FOUR.plusSeconds(10);
    Instant eta = FOUR.plusSeconds(40);

    assertThat(SmsText.delayRisk("Acme Motors", eta, promised, null, CHICAGO, NOON, null))
        .isEqualTo(
            "Acme Motors: we expect to be later than promised: now around 4:00 PM. We are sorry"
                + " for the wait.");
  }

  @Test
  void aStageOverrunSaysWhichStepByHowMuchAndTheEtaNow() {
    assertThat(
            SmsText.stageOverrun(
                "Acme Motors",
                Stage.IN_REPAIR,
                new Reason(ReasonCode.STAGE_OVERRUN, Stage.IN_REPAIR, 90, null),
                HALF_FIVE,
                CHICAGO,
                NOON,
                null))
        .isEqualTo(
            "Acme Motors: the repair is taking 1 hour 30 minutes longer than expected. We now"
                + " expect around 5:30 PM. We will text you when it moves on.");
    assertThat(
            SmsText.stageOverrun(
                "Acme Motors", Stage.WAITING_FOR_PARTS, null, null, CHICAGO, NOON, null))
        .isEqualTo(
            "Acme Motors: waiting for parts is taking longer than expected. We will text you when"
                + " it moves on.");
  }

  @Test
  void aSilenceIsAnHonestStillWorkingOnIt() {
    assertThat(SmsText.silence("Acme Motors", Stage.DIAGNOSING, null))
        .isEqualTo(
            "Acme Motors: still working on it: we are diagnosing your vehicle. No news to share"
                + " yet; we will text you as soon as there is.");
  }

  @Test
  void aDigestSaysTheLatestStageAndBrieflyThePassedOnes() {
    assertThat(
            SmsText.stageChanged(
                "Acme Motors",
                Stage.QUALITY_CHECK,
                List.of(Stage.WAITING_FOR_PARTS, Stage.IN_REPAIR),
                null,
                LINK))
        .isEqualTo(
            "Acme Motors: your vehicle is in its final quality check. Since our last text:"
                + " waiting for parts, in repair. Track it: "
                + LINK);
  }

  @Test
  void aDigestLeavesOutThePassedStagesBeforeItShortensTheNote() {
    String note = "Brakes, rotors and the left rear bearing all replaced, tested on the road. ";

    String text =
        SmsText.stageChanged(
            "Acme Motors",
            Stage.QUALITY_CHECK,
            List.of(Stage.DIAGNOSING, Stage.WAITING_FOR_PARTS, Stage.IN_REPAIR),
            note.repeat(3).strip(),
            LINK);

    assertThat(SmsSegments.count(text)).isLessThanOrEqualTo(SmsText.MAX_SEGMENTS);
    assertThat(text).doesNotContain("Since our last text").contains("Brakes, rotors");
    assertThat(text).endsWith(" Track it: " + LINK);
  }

  /** Every new kind's text, for a tenant name, a reason and a link. */
  static List<Function<String, String>> everyNewKind(Reason reason) {
    return List.of(
        name ->
            SmsText.etaChanged(
                name, Journey.VEHICLE_SERVICE, HALF_FIVE, reason, CHICAGO, NOON, LINK),
        name ->
            SmsText.etaChanged(
                name,
                Journey.DELIVERY,
                HALF_FIVE.plusSeconds(86_400 * 3),
                reason,
                null,
                NOON,
                LINK),
        name -> SmsText.delayRisk(name, HALF_FIVE, FOUR, reason, CHICAGO, NOON, LINK),
        name ->
            SmsText.stageOverrun(
                name, Stage.AWAITING_APPROVAL, reason, HALF_FIVE, CHICAGO, NOON, LINK),
        name -> SmsText.silence(name, Stage.AWAITING_APPROVAL, LINK),
        name ->
            SmsText.stageChanged(
                name,
                Stage.OUT_FOR_DELIVERY,
                List.of(Stage.CREATED, Stage.PICKED_UP, Stage.IN_TRANSIT),
                "Leave it with the neighbour at number 12 if nobody is home, please.",
                LINK));
  }

  static List<Reason> everyReasonCode() {
    List<Reason> reasons = new ArrayList<>();
    for (ReasonCode code : ReasonCode.values()) {
      reasons.add(new Reason(code, Stage.AWAITING_APPROVAL, 12_345, 999));
    }
    return reasons;
  }

  @ParameterizedTest
  @MethodSource("everyReasonCode")
  void everyTextOfEveryReasonFitsWithAShortName(Reason reason) {
    for (Function<String, String> text : everyNewKind(reason)) {
      String sms = text.apply("Acme Motors");
      assertThat(SmsSegments.count(sms)).as(sms).isLessThanOrEqualTo(SmsText.MAX_SEGMENTS);
      assertThat(sms).as(sms).startsWith("Acme Motors: ").endsWith(" Track it: " + LINK);
      assertThat(sms).doesNotContain("null").doesNotContain("_");
    }
  }

  @ParameterizedTest
  @MethodSource("everyReasonCode")
  void aVeryLongTenantNameIsShortenedButNeverTheNewsOrTheLink(Reason reason) {
    for (String name : List.of(LONG_NAME, "Автосервис Ромашка и партнёры ".repeat(10))) {
      for (Function<String, String> text : everyNewKind(reason)) {
        String sms = text.apply(name);
        assertThat(SmsSegments.count(sms)).as(sms).isLessThanOrEqualTo(SmsText.MAX_SEGMENTS);
        assertThat(sms).as(sms).endsWith(" Track it: " + LINK);
        assertThat(sms.toLowerCase(java.util.Locale.ROOT))
            .as(sms)
            .containsAnyOf(
                "later than promised",
                "around",
                "still working",
                "longer than expected",
                "out for delivery");
      }
    }
  }

  @Test
  void aLongNameIsCutToMakeRoomForTheReason() {
    String sms = SmsText.delayRisk(LONG_NAME, HALF_FIVE, FOUR, PARTS, CHICAGO, NOON, LINK);

    assertThat(sms)
        .startsWith("The Very Long Name Of A Family Owned...: we expect to be later than promised")
        .contains(", because waiting for parts usually takes about 25 hours.")
        .endsWith(" Track it: " + LINK);
    assertThat(SmsSegments.count(sms)).isLessThanOrEqualTo(SmsText.MAX_SEGMENTS);
  }

  @Test
  void theReasonIsSaidWhenThereIsRoomForIt() {
    for (Reason reason : everyReasonCode()) {
      String sms = SmsText.delayRisk("Acme Motors", HALF_FIVE, FOUR, reason, CHICAGO, NOON, null);
      assertThat(sms).as(sms).contains(", because ");
    }
  }
}
