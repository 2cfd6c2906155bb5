package io.milepost.notifier.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.notifier.job.Job;
import io.milepost.schemas.Alert;
import io.milepost.schemas.AlertKind;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Stage;
import io.milepost.schemas.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tracking page's small decisions: is the promise at risk, does the link still show details.
 */
class TrackingDecisionsTests {
  private static final Instant T = Instant.parse("2026-11-24T08:00:00Z");
  private static final Instant PROMISE = T.plus(Duration.ofHours(8));
  private static final TrackingProperties FOURTEEN_DAYS =
      new TrackingProperties(Duration.ofDays(14));

  @Test
  void aPromiseIsAtRiskWhenTheEngineRaisedDelayRiskOrTheEtaIsPastIt() {
    Alert delayRisk = new Alert(AlertKind.DELAY_RISK, Stage.IN_REPAIR, T, 1);
    Alert overrun = new Alert(AlertKind.STAGE_OVERRUN, Stage.IN_REPAIR, T, 1);

    assertThat(
            TrackingView.promiseAtRisk(job(Stage.IN_REPAIR, PROMISE.minusSeconds(60), List.of())))
        .isFalse();
    assertThat(TrackingView.promiseAtRisk(job(Stage.IN_REPAIR, PROMISE, List.of()))).isFalse();
    assertThat(TrackingView.promiseAtRisk(job(Stage.IN_REPAIR, PROMISE.plusSeconds(60), List.of())))
        .isTrue();
    assertThat(TrackingView.promiseAtRisk(job(Stage.IN_REPAIR, null, List.of(delayRisk)))).isTrue();
    assertThat(TrackingView.promiseAtRisk(job(Stage.IN_REPAIR, null, List.of(overrun)))).isFalse();
  }

  @Test
  void aClosedJobOrOneWithoutAPromiseIsNeverAtRisk() {
    assertThat(TrackingView.promiseAtRisk(job(Stage.COLLECTED, PROMISE.plusSeconds(60), List.of())))
        .isFalse();
    Job noPromise =
        new Job(
            "acme-motors",
            "RO-1",
            1,
            "springfield",
            Journey.VEHICLE_SERVICE,
            Stage.IN_REPAIR,
            3,
            List.of(),
            PROMISE.plusSeconds(60),
            null,
            null,
            "token",
            T,
            null,
            List.of());
    assertThat(TrackingView.promiseAtRisk(noPromise)).isFalse();
  }

  @Test
  void anOpenJobShowsItsDetailsHoweverOld() {
    Job open = closedAt(Stage.IN_REPAIR, T);

    assertThat(TrackingProperties.closedAt(open)).isNull();
    assertThat(FOURTEEN_DAYS.showsDetails(open, T.plus(Duration.ofDays(400)))).isTrue();
  }

  @Test
  void aClosedJobShowsItsDetailsForDetailsForAfterItEnteredItsLastStage() {
    Job collected = closedAt(Stage.COLLECTED, T);

    assertThat(TrackingProperties.closedAt(collected)).isEqualTo(T);
    assertThat(FOURTEEN_DAYS.showsDetails(collected, T.plus(Duration.ofDays(14)).minusSeconds(1)))
        .isTrue();
    assertThat(FOURTEEN_DAYS.showsDetails(collected, T.plus(Duration.ofDays(14)))).isFalse();
    assertThat(
            new TrackingProperties(Duration.ofDays(30))
                .showsDetails(collected, T.plus(Duration.ofDays(20))))
        .isTrue();
  }

  @Test
  void aClosedJobWhoseTimelineLacksItsLastStageCountsFromWhenItWasStored() {
    Job collected =
        new Job(
            "acme-motors",
            "RO-1",
            1,
            "springfield",
            Journey.VEHICLE_SERVICE,
            Stage.COLLECTED,
            3,
            List.of(new TimelineEntry(Stage.CHECKED_IN, T)),
            null,
            null,
            null,
            "token",
            T.plus(Duration.ofDays(2)),
            null,
            List.of());

    assertThat(TrackingProperties.closedAt(collected)).isEqualTo(T.plus(Duration.ofDays(2)));
  }

  private static Job job(Stage stage, Instant eta, List<Alert> alerts) {
    return new Job(
        "acme-motors",
        "RO-1",
        1,
        "springfield",
        Journey.VEHICLE_SERVICE,
        stage,
        3,
        List.of(new TimelineEntry(stage, T)),
        eta,
        PROMISE,
        null,
        "token",
        T,
        null,
        alerts);
  }

  private static Job closedAt(Stage stage, Instant enteredLast) {
    return new Job(
        "acme-motors",
        "RO-1",
        1,
        "springfield",
        Journey.VEHICLE_SERVICE,
        stage,
        3,
        List.of(
            new TimelineEntry(Stage.CHECKED_IN, enteredLast.minus(Duration.ofDays(3))),
            new TimelineEntry(stage, enteredLast)),
        null,
        null,
        null,
        "token",
        enteredLast,
        null,
        List.of());
  }
}
