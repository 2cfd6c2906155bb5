package io.milepost.notifier.intent;

import static io.milepost.schemas.Stage.CHECKED_IN;
import static io.milepost.schemas.Stage.COLLECTED;
import static io.milepost.schemas.Stage.CREATED;
import static io.milepost.schemas.Stage.DELIVERED;
import static io.milepost.schemas.Stage.DELIVERY_FAILED;
import static io.milepost.schemas.Stage.DIAGNOSING;
import static io.milepost.schemas.Stage.IN_REPAIR;
import static io.milepost.schemas.Stage.IN_TRANSIT;
import static io.milepost.schemas.Stage.OUT_FOR_DELIVERY;
import static io.milepost.schemas.Stage.PICKED_UP;
import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.notifier.intent.ToldOnce.Told;
import io.milepost.schemas.Stage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToldOnceTests {
  private static final Instant T = Instant.parse("2026-11-24T08:00:00Z");

  @Test
  void theFirstNewsOfAnInstanceIsNews() {
    assertThat(ToldOnce.isNews(List.of(), CHECKED_IN, at(0))).isTrue();
    assertThat(ToldOnce.isNews(List.of(), IN_REPAIR, at(0))).isTrue();
  }

  @Test
  void aLaterStageIsNewsEvenStampedALittleEarlier() {
    List<Told> told = List.of(told(CHECKED_IN, 0), told(DIAGNOSING, 10));

    assertThat(ToldOnce.isNews(told, IN_REPAIR, at(20))).isTrue();
    // Two producers' clocks: stage order wins over timestamps, as in the engine.
    assertThat(ToldOnce.isNews(told, IN_REPAIR, at(9))).isTrue();
  }

  @Test
  void aStageAtOrBeforeTheLastOneToldIsOldNewsWhateverItsTime() {
    List<Told> told = List.of(told(CHECKED_IN, 0), told(DIAGNOSING, 10));

    assertThat(ToldOnce.isNews(told, DIAGNOSING, at(10))).isFalse();
    assertThat(ToldOnce.isNews(told, DIAGNOSING, at(30))).isFalse();
    assertThat(ToldOnce.isNews(told, CHECKED_IN, at(40))).isFalse();
  }

  @Test
  void nothingIsNewsAfterATerminalStage() {
    List<Told> told = List.of(told(READY, 0), told(COLLECTED, 10));

    assertThat(ToldOnce.isNews(told, COLLECTED, at(20))).isFalse();
    assertThat(ToldOnce.isNews(told, CHECKED_IN, at(20))).isFalse();
  }

  @Test
  void aRetriedDeliveryAfterAFailedAttemptIsNews() {
    List<Told> told = List.of(told(OUT_FOR_DELIVERY, 0), told(DELIVERY_FAILED, 10));

    assertThat(ToldOnce.isNews(told, OUT_FOR_DELIVERY, at(20))).isTrue();
    assertThat(ToldOnce.isNews(told, IN_TRANSIT, at(20))).isTrue();
    assertThat(ToldOnce.isNews(told, DELIVERED, at(20))).isTrue();
  }

  @Test
  void theOriginalAttemptArrivingAfterTheFailureIsOldNews() {
    List<Told> told = List.of(told(IN_TRANSIT, 0), told(DELIVERY_FAILED, 10));

    assertThat(ToldOnce.isNews(told, OUT_FOR_DELIVERY, at(5))).isFalse();
    assertThat(ToldOnce.isNews(told, PICKED_UP, at(20))).isFalse();
  }

  @Test
  void aReplayedFailureAfterTheRetryIsOldNewsButASecondFailureIsNews() {
    List<Told> told =
        List.of(told(CREATED, 0), told(DELIVERY_FAILED, 10), told(OUT_FOR_DELIVERY, 20));

    assertThat(ToldOnce.isNews(told, DELIVERY_FAILED, at(10))).isFalse();
    assertThat(ToldOnce.isNews(told, OUT_FOR_DELIVERY, at(0))).isFalse();
    assertThat(ToldOnce.isNews(told, DELIVERY_FAILED, at(30))).isTrue();
  }

  @Test
  void aFailureOlderThanTheLastNewsToldIsOldNews() {
    List<Told> told = List.of(told(IN_TRANSIT, 0), told(OUT_FOR_DELIVERY, 20));

    assertThat(ToldOnce.isNews(told, DELIVERY_FAILED, at(10))).isFalse();
    assertThat(ToldOnce.isNews(told, DELIVERY_FAILED, at(30))).isTrue();
  }

  private static final Stage READY = Stage.READY_FOR_PICKUP;

  private static Told told(Stage stage, long minutes) {
    return new Told(stage, at(minutes));
  }

  private static Instant at(long minutes) {
    return T.plusSeconds(60 * minutes);
  }
}
