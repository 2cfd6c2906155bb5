package io.milepost.notifier.words;

import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.schemas.Journey;
import io.milepost.schemas.Reason;
import io.milepost.schemas.ReasonCode;
import io.milepost.schemas.SmsSegments;
import io.milepost.schemas.Stage;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** English texts of every kind, and how a text too long for two segments is fitted. */
class SmsWriterTests {
  static final Words WORDS = Words.shipped();
  static final SmsWriter WRITER = new SmsWriter(WORDS);
  static final String LINK = "https://notify.example.test/track/AbCdEfGhIjKlMnOpQrStUvWx";
  static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  static final Instant NOON = Instant.parse("2026-11-25T18:00:00Z"); // 12:00 PM in Chicago
  static final Instant FOUR = Instant.parse("2026-11-25T22:00:00Z"); // 4:00 PM
  static final Instant HALF_FIVE = Instant.parse("2026-11-25T23:30:00Z"); // 5:30 PM
  static final Reason PARTS =
      new Reason(ReasonCode.TYPICAL_DURATION, Stage.WAITING_FOR_PARTS, 1500, 12);

  static SmsFacts facts(String customer, String note, String link, Stage stage) {
    return new SmsFacts(
        "Acme Motors",
        customer,
        note,
        link,
        stage.journey(),
        stage,
        List.of(),
        HALF_FIVE,
        FOUR,
        PARTS,
        CHICAGO,
        NOON);
  }

  static String write(TemplateKind kind, Locale locale, SmsFacts facts) {
    return WRITER.write(kind, WORDS.messages().pattern(kind.key(), locale), locale, facts).text();
  }

  @Test
  void aStageChangeGreetsTheCustomerSaysTheNewsTheNoteAndTheLink() {
    assertThat(
            write(
                TemplateKind.STAGE_CHANGED,
                Locale.ENGLISH,
                facts("Dana", "Pads ordered", LINK, Stage.IN_REPAIR)))
        .isEqualTo(
            "Acme Motors: Hi Dana, your vehicle is now in repair. Pads ordered. Track it: " + LINK);
  }

  @Test
  void withoutNameNoteOrLinkNothingIsLeftDangling() {
    assertThat(
            write(
                TemplateKind.STAGE_CHANGED,
                Locale.ENGLISH,
                facts(null, null, null, Stage.IN_REPAIR)))
        .isEqualTo("Acme Motors: your vehicle is now in repair.");
  }

  @Test
  void anEtaChangeSaysTheNewTimeInTheCustomersZoneAndWhyInGsm7() {
    SmsBody body =
        WRITER.write(
            TemplateKind.ETA_CHANGED,
            WORDS.messages().pattern("eta.changed", Locale.ENGLISH),
            Locale.ENGLISH,
            facts(null, null, null, Stage.WAITING_FOR_PARTS));
    assertThat(body.text())
        .isEqualTo(
            "Acme Motors: your vehicle should now be ready around 5:30 PM, because waiting for parts"
                + " usually takes about 25 hours.");
    // ICU writes a narrow no-break space before PM; the text must not turn UCS-2 for it.
    assertThat(body.length().encoding()).isEqualTo(SmsSegments.Encoding.GSM_7);
  }

  @Test
  void aTimeOnAnotherDayNamesTheDayAndWithoutAZoneSaysUtc() {
    SmsFacts facts =
        new SmsFacts(
            "Acme Motors",
            null,
            null,
            null,
            Journey.DELIVERY,
            Stage.IN_TRANSIT,
            List.of(),
            Instant.parse("2026-11-27T09:15:00Z"),
            null,
            Reason.of(ReasonCode.PRODUCER_ETA),
            null,
            NOON);
    assertThat(write(TemplateKind.ETA_CHANGED, Locale.US, facts))
        .isEqualTo(
            "Acme Motors: your parcel should now arrive around 9:15 AM on Fri, Nov 27 UTC, because"
                + " that is the time our team has given.");
  }

  @Test
  void aDelayRiskSaysLaterThanPromisedWhenInsteadOfWhenWhyAndSorry() {
    assertThat(
            write(
                TemplateKind.DELAY_RISK,
                Locale.US,
                facts(null, null, null, Stage.WAITING_FOR_PARTS)))
        .isEqualTo(
            "Acme Motors: we expect to be later than promised: now around 5:30 PM instead of 4:00 PM,"
                + " because waiting for parts usually takes about 25 hours. We are sorry for the"
                + " wait.");
  }

  @Test
  void aDelayRiskDoesNotRepeatAPromiseThatReadsTheSameAsTheNewTime() {
    SmsFacts facts =
        new SmsFacts(
            "Acme Motors",
            null,
            null,
            null,
            Journey.VEHICLE_SERVICE,
            Stage.IN_REPAIR,
            List.of(),
            HALF_FIVE.plusSeconds(20),
            HALF_FIVE,
            null,
            CHICAGO,
            NOON);
    assertThat(write(TemplateKind.DELAY_RISK, Locale.US, facts))
        .isEqualTo(
            "Acme Motors: we expect to be later than promised: now around 5:30 PM. We are sorry for"
                + " the wait.");
  }

  @Test
  void aStageOverrunSaysWhichStepByHowMuchAndTheEtaNow() {
    SmsFacts facts =
        new SmsFacts(
            "Acme Motors",
            null,
            null,
            null,
            Journey.VEHICLE_SERVICE,
            Stage.IN_REPAIR,
            List.of(),
            HALF_FIVE,
            null,
            new Reason(ReasonCode.STAGE_OVERRUN, Stage.IN_REPAIR, 90, null),
            CHICAGO,
            NOON);
    assertThat(write(TemplateKind.STAGE_OVERRUN, Locale.US, facts))
        .isEqualTo(
            "Acme Motors: the repair is taking 1 hour 30 minutes longer than expected. We now expect"
                + " around 5:30 PM. We will text you when it moves on.");
  }

  @Test
  void aSilenceIsAnHonestStillWorkingOnIt() {
    assertThat(write(TemplateKind.SILENCE, Locale.US, facts(null, null, null, Stage.DIAGNOSING)))
        .isEqualTo(
            "Acme Motors: still working on it: we are diagnosing your vehicle. No news to share yet;"
                + " we will text you as soon as there is.");
  }

  @Test
  void aDigestSaysTheLatestStageAndBrieflyThePassedOnes() {
    SmsFacts facts =
        new SmsFacts(
            "Acme Motors",
            null,
            null,
            null,
            Journey.VEHICLE_SERVICE,
            Stage.IN_REPAIR,
            List.of(Stage.DIAGNOSING, Stage.WAITING_FOR_PARTS),
            null,
            null,
            null,
            null,
            NOON);
    assertThat(write(TemplateKind.STAGE_DIGEST, Locale.US, facts))
        .isEqualTo(
            "Acme Motors: your vehicle is now in repair. Since our last text: diagnosing, waiting for"
                + " parts.");
  }

  @Test
  void theSurveyAsksForOneToFiveInGsm7() {
    SmsBody body =
        WRITER.write(
            TemplateKind.CSAT_SURVEY,
            WORDS.messages().pattern("csat.survey", Locale.US),
            Locale.US,
            facts("Dana", null, null, Stage.COLLECTED));
    assertThat(body.text())
        .isEqualTo(
            "Acme Motors: Hi Dana, thank you for choosing us. How did we do? Reply with a number"
                + " from 1 (poor) to 5 (great).");
    assertThat(body.length().encoding()).isEqualTo(SmsSegments.Encoding.GSM_7);
  }

  @Test
  void tooLongTheNoteGoesFirstThenTheNameAndTheLinkStays() {
    String note = "The timing belt was worn and we replaced it with the tensioner. ".repeat(3);
    SmsFacts facts = digest("Maximiliano Alejandro de la Cruz", note);

    String text = write(TemplateKind.STAGE_DIGEST, Locale.US, facts);

    assertThat(text)
        .isEqualTo(
            "Acme Motors: Hi Maximiliano Alejandro de la Cruz, your vehicle is now in repair. Since"
                + " our last text: diagnosing, waiting for parts. Track it: "
                + LINK);
    assertThat(SmsSegments.measure(text))
        .isEqualTo(new SmsSegments.Length(SmsSegments.Encoding.GSM_7, text.length(), 2));
  }

  @Test
  void aTextTooLongInUcs2OnlyForItsAccentsIsWrittenPlainlyRatherThanCut() {
    // "á" is not in GSM-7: with it the text is UCS-2 and over 134 units; plainly it fits in GSM-7.
    String text =
        write(
            TemplateKind.STAGE_DIGEST, Locale.US, digest("Maximiliano de la Cruz Fernández", null));

    assertThat(text)
        .isEqualTo(
            "Acme Motors: Hi Maximiliano de la Cruz Fernandez, your vehicle is now in repair. Since"
                + " our last text: diagnosing, waiting for parts. Track it: "
                + LINK);
    assertThat(SmsSegments.measure(text).encoding()).isEqualTo(SmsSegments.Encoding.GSM_7);
  }

  @Test
  void aTextThatFitsWithItsAccentsKeepsThem() {
    assertThat(write(TemplateKind.STAGE_CHANGED, Locale.US, digest("José Núñez", null)))
        .startsWith("Acme Motors: Hi José Núñez, your vehicle");
  }

  @Test
  void onlyLettersWithAGsm7TwinAreWrittenPlainly() {
    assertThat(SmsWriter.plain("Ángel Núñez ¿sí?")).isEqualTo("Angel Nuñez ¿si?");
    assertThat(SmsWriter.plain("ready 🚗")).isNull();
  }

  private static SmsFacts digest(String customer, String note) {
    return new SmsFacts(
        "Acme Motors",
        customer,
        note,
        LINK,
        Journey.VEHICLE_SERVICE,
        Stage.IN_REPAIR,
        List.of(Stage.DIAGNOSING, Stage.WAITING_FOR_PARTS),
        null,
        null,
        null,
        null,
        NOON);
  }

  @Test
  void aVeryLongBusinessNameIsShortenedButNeverTheNewsOrTheLink() {
    SmsFacts facts =
        new SmsFacts(
            "The Extraordinarily Long Named Automotive Service and Repair Center of Springfield"
                .repeat(3),
            "Dana",
            "Bring the spare key.",
            LINK,
            Journey.VEHICLE_SERVICE,
            Stage.AWAITING_APPROVAL,
            List.of(),
            HALF_FIVE,
            FOUR,
            PARTS,
            CHICAGO,
            NOON);
    for (TemplateKind kind : TemplateKind.values()) {
      SmsBody body =
          WRITER.write(kind, WORDS.messages().pattern(kind.key(), Locale.US), Locale.US, facts);
      assertThat(body.length().segments()).as(body.text()).isLessThanOrEqualTo(2);
      assertThat(body.text()).as(body.text()).startsWith("The Extraordinarily Long Named...");
      if (kind.mayBeFirst()) {
        assertThat(body.text()).endsWith("Track it: " + LINK);
      }
    }
  }

  @Test
  void shorteningCutsWholeWordsAndNeverHalfAnEmoji() {
    assertThat(SmsWriter.shorten("Acme Motors of Springfield")).isEqualTo("Acme Motors of...");
    assertThat(SmsWriter.shorten("Acme...")).isEqualTo("");
    // 11 a, a car (2 units), 9 b: 10 units from the end falls between the halves of the car.
    String name = "a".repeat(11) + "\uD83D\uDE97" + "b".repeat(9);
    assertThat(SmsWriter.shorten(name)).isEqualTo("a".repeat(11) + "...");
  }

  @Test
  void curlyQuotesDashesAndOddSpacesBecomeTheirGsm7Twins() {
    assertThat(
            SmsWriter.tidy("It\u2019s  \u201Cready\u201D \u2013 bay\u00A03\u2026 ,ok", Locale.US))
        .isEqualTo("It's \"ready\" - bay 3...,ok");
    assertThat(SmsWriter.tidy("hacia las 11:30 a.m.. Le escribiremos...", Locale.US))
        .isEqualTo("Hacia las 11:30 a.m. Le escribiremos...");
  }
}
