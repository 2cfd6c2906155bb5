package io.milepost.notifier.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.notifier.job.Job;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Stage;
import io.milepost.schemas.TimelineEntry;
import java.time.Instant;
import java.util.List;
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
            "Acme Motors");

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
        TrackingView.of(job(Journey.DELIVERY, Stage.OUT_FOR_DELIVERY, List.of()), "Swift");

    assertThat(view.stages())
        .extracting(TrackingView.StageView::stage)
        .containsExactly("CREATED", "PICKED_UP", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED");
  }

  @Test
  void aFailedAttemptIsShownOnceItHappened() {
    TrackingView view =
        TrackingView.of(job(Journey.DELIVERY, Stage.DELIVERY_FAILED, List.of()), "Swift");

    assertThat(view.stages())
        .extracting(TrackingView.StageView::stage, TrackingView.StageView::state)
        .contains(tuple("DELIVERY_FAILED", "current"), tuple("DELIVERED", "done"));
  }

  private static org.assertj.core.groups.Tuple tuple(Object... values) {
    return org.assertj.core.groups.Tuple.tuple(values);
  }

  private static Job job(Journey journey, Stage stage, List<TimelineEntry> timeline) {
    return new Job(
        "acme-motors",
        "RO-1",
        "springfield",
        journey,
        stage,
        3,
        timeline,
        null,
        null,
        null,
        "token",
        T);
  }
}
