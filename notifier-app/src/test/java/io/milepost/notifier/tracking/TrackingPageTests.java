package io.milepost.notifier.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.notifier.job.Job;
import io.milepost.notifier.job.Locations;
import io.milepost.notifier.words.Words;
import io.milepost.schemas.Alert;
import io.milepost.schemas.AlertKind;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Reason;
import io.milepost.schemas.ReasonCode;
import io.milepost.schemas.Stage;
import io.milepost.schemas.TimelineEntry;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** What the page shows, worded and timed for its reader before any HTML. */
class TrackingPageTests {
  private static final Words WORDS = Words.shipped();
  private static final Instant MORNING = Instant.parse("2026-11-24T14:00:00Z");
  private static final Instant ETA = Instant.parse("2026-11-24T17:30:00Z");
  private static final Instant PROMISE = Instant.parse("2026-11-24T16:00:00Z");
  private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  private static final Reason PARTS =
      new Reason(ReasonCode.TYPICAL_DURATION, Stage.WAITING_FOR_PARTS, 1500, 61);
  private static final Locations.Location SPRINGFIELD =
      new Locations.Location(
          "acme-motors", "springfield", "Acme Springfield", "+13125550100", "1 Main St");

  @Test
  void timesAreInTheCustomersZoneAndWordsInTheirLanguage() {
    Locale spanish = Locale.forLanguageTag("es-US");
    TrackingPage page = page(spanish, CHICAGO, List.of());

    assertThat(page.stageLabel()).isEqualTo("En reparación");
    // 17:30 UTC is 11:30 in Chicago; the same day there, so no date.
    assertThat(page.eta().text()).startsWith("11:30").doesNotContain("UTC");
    assertThat(page.eta().iso()).isEqualTo("2026-11-24T11:30:00-06:00");
    assertThat(page.promised().text()).startsWith("10:00");
    assertThat(page.etaReason()).isEqualTo("La espera de piezas suele durar unas 25 horas.");
    // The ETA is past the promise.
    assertThat(page.promiseAtRisk()).isTrue();
    assertThat(page.steps())
        .filteredOn(step -> step.stage().equals("CHECKED_IN"))
        .singleElement()
        .satisfies(
            step -> {
              assertThat(step.label()).isEqualTo("Recibido");
              assertThat(step.state()).isEqualTo(TrackingView.DONE);
              assertThat(step.entered().text()).startsWith("8:00");
            });
  }

  @Test
  void withoutAZoneTimesSayUtcAndAlertsAreSentences() {
    TrackingPage page =
        page(
            Locale.ENGLISH,
            ZoneOffset.UTC,
            List.of(new Alert(AlertKind.DELAY_RISK, Stage.IN_REPAIR, MORNING, 1)));

    assertThat(page.eta().text()).isEqualTo("5:30\u202fPM UTC");
    assertThat(page.alerts())
        .containsExactly(
            new TrackingPage.Notice("DELAY_RISK", "We expect to be later than promised."));
    assertThat(page.etaReason()).isEqualTo("Waiting for parts usually takes about 25 hours.");
  }

  @Test
  void theLocationsPhoneIsWrittenForPeopleAndDialledAsE164() {
    TrackingPage.Place place = TrackingPage.place(SPRINGFIELD);

    assertThat(place.phone()).isEqualTo("+1 312-555-0100");
    assertThat(place.dial()).isEqualTo("tel:+13125550100");
    assertThat(
            TrackingPage.place(new Locations.Location("acme-motors", "north", "north", null, null))
                .dial())
        .isNull();
  }

  private static TrackingPage page(Locale locale, ZoneId zone, List<Alert> alerts) {
    Job job =
        new Job(
            "acme-motors",
            "RO-1",
            1,
            "springfield",
            Journey.VEHICLE_SERVICE,
            Stage.IN_REPAIR,
            3,
            List.of(new TimelineEntry(Stage.CHECKED_IN, MORNING)),
            ETA,
            PROMISE,
            null,
            "token",
            MORNING,
            PARTS,
            alerts);
    return TrackingPage.of(
        "token",
        TrackingView.of(job, "Acme Motors", WORDS, locale),
        zone,
        SPRINGFIELD,
        MORNING,
        locale,
        WORDS);
  }
}
