package io.milepost.notifier.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.notifier.job.Job;
import io.milepost.notifier.words.Words;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Stage;
import io.milepost.schemas.TimelineEntry;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class TrackingViewTests {
  private static final Instant T = Instant.parse("2026-11-24T08:00:00Z");

  @Test
  void stagesBeforeTheCurrentAreDoneAndAfterItUpcoming() {
    TrackingView view =
        TrackingView.of(
            job(
                Journey.VEHICLE_SERVICE,
                Stage.WAITING_FOR_PARTS,
                List.of(
                    new TimelineEntry(Stage.CHECKED_IN, T),
                    new TimelineEntry(Stage.WAITING_FOR_PARTS, T.plusSeconds(60)))),
            "Acme Motors",
            Words.shipped(),
            Locale.ENGLISH);

    assertThat(view.stages())
        .extracting(TrackingView.StageView::stage, TrackingView.StageView::state)
        .containsExactly(
            tuple("CHECKED_IN", "done"),
            tuple("DIAGNOSING", "done"),
            tuple("AWAITING_APPROVAL", "done"),
            tuple("WAITING_FOR_PARTS", "current"),
            tuple("IN_REPAIR", "upcoming"),
            tuple("QUALITY_CHECK", "upcoming"),
            tuple("READY_FOR_PICKUP", "upcoming"),
            tuple("COLLECTED", "upcoming"));
    assertThat(view.stages().get(3).enteredAt()).isEqualTo(T.plusSeconds(60));
    assertThat(view.stages().get(1).enteredAt()).isNull();
  }

  @Test
  void aParcelOnItsWayIsNotShownFailureAndReturnAsWhatComesNext() {
    TrackingView view =
        TrackingView.of(
            job(Journey.DELIVERY, Stage.OUT_FOR_DELIVERY, List.of()),
            "Swift",
            Words.shipped(),
            Locale.ENGLISH);

    assertThat(view.stages())
        .extracting(TrackingView.StageView::stage)
        .containsExactly("CREATED", "PICKED_UP", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED");
  }

  @Test
  void aFailedAttemptIsShownWhereItHappenedAndDeliveryIsStillToCome() {
    TrackingView view = parcelThrough(Stage.OUT_FOR_DELIVERY, Stage.DELIVERY_FAILED);

    assertThat(view.stages())
        .extracting(TrackingView.StageView::stage, TrackingView.StageView::state)
        .containsExactly(
            tuple("CREATED", "done"),
            tuple("PICKED_UP", "done"),
            tuple("IN_TRANSIT", "done"),
            tuple("OUT_FOR_DELIVERY", "done"),
            tuple("DELIVERY_FAILED", "current"),
            tuple("DELIVERED", "upcoming"));
  }

  @Test
  void aSecondAttemptAfterAFailureIsBackOnTheWay() {
    TrackingView view =
        parcelThrough(Stage.OUT_FOR_DELIVERY, Stage.DELIVERY_FAILED, Stage.OUT_FOR_DELIVERY);

    assertThat(view.stages())
        .extracting(TrackingView.StageView::stage, TrackingView.StageView::state)
        .containsExactly(
            tuple("CREATED", "done"),
            tuple("PICKED_UP", "done"),
            tuple("IN_TRANSIT", "done"),
            tuple("OUT_FOR_DELIVERY", "current"),
            tuple("DELIVERED", "upcoming"));
  }

  @Test
  void aReturnedParcelPromisesNoDelivery() {
    TrackingView view =
        parcelThrough(Stage.OUT_FOR_DELIVERY, Stage.DELIVERY_FAILED, Stage.RETURNED);

    assertThat(view.stages())
        .extracting(TrackingView.StageView::stage, TrackingView.StageView::state)
        .containsExactly(
            tuple("CREATED", "done"),
            tuple("PICKED_UP", "done"),
            tuple("IN_TRANSIT", "done"),
            tuple("OUT_FOR_DELIVERY", "done"),
            tuple("RETURNED", "current"));
  }

  /** A parcel that entered these stages an hour apart; the last one is where it is now. */
  private static TrackingView parcelThrough(Stage... stages) {
    List<TimelineEntry> timeline = new java.util.ArrayList<>();
    for (int i = 0; i < stages.length; i++) {
      timeline.add(new TimelineEntry(stages[i], T.plusSeconds(3600L * i)));
    }
    return TrackingView.of(
        job(Journey.DELIVERY, stages[stages.length - 1], timeline),
        "Swift",
        Words.shipped(),
        Locale.ENGLISH);
  }

  private static org.assertj.core.groups.Tuple tuple(Object... values) {
    return org.assertj.core.groups.Tuple.tuple(values);
  }

  private static Job job(Journey journey, Stage stage, List<TimelineEntry> timeline) {
    return new Job(
        "acme-motors",
        "RO-1",
        1,
        "springfield",
        journey,
        stage,
        3,
        timeline,
        null,
        null,
        null,
        "token",
        T,
        null,
        null);
  }
}
