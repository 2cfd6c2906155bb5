package io.milepost.notifier.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.notifier.job.Job;
import io.milepost.notifier.words.Words;
import io.milepost.schemas.Alert;
import io.milepost.schemas.AlertKind;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Reason;
import io.milepost.schemas.ReasonCode;
import io.milepost.schemas.Stage;
import io.milepost.schemas.TimelineEntry;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class TrackingHtmlTests {
  private static final Instant T = Instant.parse("2026-11-24T08:00:00Z");
  private static final Words WORDS = Words.shipped();

  @Test
  void anOpenAlertAndTheEtaReasonAreShownInPlainEnglish() {
    String html =
        TrackingHtml.progress(
            view(
                new Reason(ReasonCode.STAGE_OVERRUN, Stage.WAITING_FOR_PARTS, 90, null),
                List.of(new Alert(AlertKind.SILENCE, Stage.WAITING_FOR_PARTS, T, 1))),
            WORDS);

    assertThat(html)
        .contains("<p class=\"alert\" data-alert=\"SILENCE\">We are still working on it")
        .contains("no news on waiting for parts lately.")
        .contains("Since <time datetime=\"2026-11-24T08:00:00Z\">")
        .contains(
            "<span id=\"eta-reason\" class=\"reason\" data-reason=\"STAGE_OVERRUN\">(waiting for"
                + " parts is taking 1 hour 30 minutes longer than expected)</span>");
  }

  @Test
  void withoutAlertsOrReasonThePageSaysNothingOfThem() {
    String html = TrackingHtml.progress(view(null, List.of()), WORDS);

    assertThat(html).contains("id=\"eta\"").doesNotContain("class=\"alert\"");
    assertThat(html).doesNotContain("eta-reason");
  }

  private static TrackingView view(Reason reason, List<Alert> alerts) {
    return TrackingView.of(
        new Job(
            "acme-motors",
            "RO-1",
            1,
            "springfield",
            Journey.VEHICLE_SERVICE,
            Stage.WAITING_FOR_PARTS,
            3,
            List.of(new TimelineEntry(Stage.WAITING_FOR_PARTS, T)),
            T.plusSeconds(3600),
            null,
            null,
            "token",
            T,
            reason,
            alerts),
        "Acme Motors",
        WORDS,
        Locale.ENGLISH);
  }
}
