package io.milepost.stream.eta;

import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.schemas.Journey;
import io.milepost.schemas.ReasonCode;
import io.milepost.schemas.Rules;
import io.milepost.schemas.Stage;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EtaTest {
  private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
  private static final Rules DEFAULTS = Rules.defaults("acme-motors");
  private static final ExpectedDurations SLAS = ExpectedDurations.slas(DEFAULTS);

  @Test
  void theEtaIsTheRestOfTheStageAndTheStagesBeforeTheGoal() {
    // In repair (3 h), then quality check (30 min); ready for pickup waits on the customer.
    Eta.Prediction eta = Eta.predict(course(Stage.IN_REPAIR, T0, null), minutes(60), SLAS);

    assertThat(eta.etaAt()).isEqualTo(minutes(210));
    assertThat(eta.reason().code()).isEqualTo(ReasonCode.SLA_DURATION);
    assertThat(eta.reason().stage()).isEqualTo(Stage.IN_REPAIR);
    assertThat(eta.reason().minutes()).isEqualTo(180);
  }

  @Test
  void anOverrunningStageMovesTheEtaWithTheClock() {
    Eta.Course repair = course(Stage.IN_REPAIR, T0, null);

    assertThat(Eta.predict(repair, minutes(180), SLAS).etaAt()).isEqualTo(minutes(210));
    assertThat(Eta.predict(repair, minutes(240), SLAS).etaAt()).isEqualTo(minutes(270));
  }

  @Test
  void aProducersEtaWinsWhileItIsAhead() {
    Eta.Course stated = course(Stage.IN_REPAIR, T0, minutes(100));

    assertThat(Eta.predict(stated, minutes(60), SLAS).reason().code())
        .isEqualTo(ReasonCode.PRODUCER_ETA);
    assertThat(Eta.predict(stated, minutes(60), SLAS).etaAt()).isEqualTo(minutes(100));
    assertThat(Eta.predict(stated, minutes(120), SLAS).etaAt())
        .as("lapsed: the prediction again")
        .isEqualTo(minutes(210));
  }

  @Test
  void aLearnedDurationReplacesTheSlaByPassingAnotherLookup() {
    ExpectedDurations learned =
        stage ->
            stage == Stage.IN_REPAIR
                ? new ExpectedDurations.Expected(
                    Duration.ofMinutes(90), ReasonCode.TYPICAL_DURATION, 42)
                : SLAS.of(stage);

    Eta.Prediction eta = Eta.predict(course(Stage.IN_REPAIR, T0, null), T0, learned);

    assertThat(eta.etaAt()).isEqualTo(minutes(120));
    assertThat(eta.reason().code()).isEqualTo(ReasonCode.TYPICAL_DURATION);
    assertThat(eta.reason().samples()).isEqualTo(42);
  }

  @Test
  void aStageAheadAddsItsShareOfItsLearnedDurationAndPassesAtAgrees() {
    // Diagnosing by its SLA (60 min); then approval, parts, repair, quality check: parts learned
    // to take 10 h but for one job in ten, the others by their SLAs.
    ExpectedDurations learned =
        ExpectedDurations.learned(
            DEFAULTS,
            stage ->
                stage == Stage.WAITING_FOR_PARTS
                    ? new StageStats(
                        "acme-motors",
                        "springfield",
                        Journey.VEHICLE_SERVICE,
                        stage,
                        Duration.ofHours(10).toMillis(),
                        0.1,
                        20,
                        200)
                    : null);
    Eta.Course diagnosing = course(Stage.DIAGNOSING, T0, null);

    Eta.Prediction eta = Eta.predict(diagnosing, T0, learned);

    assertThat(eta.etaAt()).isEqualTo(minutes(60 + 120 + 60 + 180 + 30));
    assertThat(eta.onDefaults()).isFalse();
    assertThat(eta.reason().stage()).as("repair adds most").isEqualTo(Stage.IN_REPAIR);
    // The ETA stays at minute 450 until diagnosing overruns its 60 minutes, then moves.
    assertThat(Eta.passesAt(diagnosing, T0, learned, minutes(450)))
        .isEqualTo(minutes(60).plusMillis(1));
  }

  @Test
  void aPredictionOnTheSlasAloneSaysSo() {
    assertThat(Eta.predict(course(Stage.CHECKED_IN, T0, null), T0, SLAS).onDefaults()).isTrue();
    assertThat(Eta.predict(course(Stage.CHECKED_IN, T0, minutes(30)), T0, SLAS).onDefaults())
        .as("a producer's ETA is not a default")
        .isFalse();
  }

  @Test
  void aJobAtItsGoalHasArrived() {
    Eta.Prediction eta = Eta.predict(course(Stage.READY_FOR_PICKUP, T0, null), minutes(90), SLAS);

    assertThat(eta.etaAt()).isEqualTo(T0);
    assertThat(eta.reason()).isNull();
  }

  @Test
  void theEtaPassesABoundWhenTheOverrunHasEatenTheSlack() {
    Eta.Course repair = course(Stage.IN_REPAIR, T0, null);
    Instant bound = minutes(315);

    assertThat(Eta.passesAt(repair, T0, SLAS, bound)).isEqualTo(minutes(285).plusMillis(1));
    assertThat(Eta.passesAt(repair, T0, SLAS, minutes(200))).as("already").isEqualTo(T0);
    assertThat(Eta.passesAt(course(Stage.READY_FOR_PICKUP, T0, null), T0, SLAS, bound)).isNull();
  }

  @Test
  void afterAFailedDeliveryTheEtaCountsTheNextRoundAndAimsAtTheDelivery() {
    Eta.Course failed =
        new Eta.Course(Journey.DELIVERY.stages(), Stage.DELIVERY_FAILED, T0, null, Stage::terminal);

    assertThat(Eta.ahead(Journey.DELIVERY.stages(), Stage.DELIVERY_FAILED, Stage::terminal))
        .as("out for delivery again, then delivered; not the return")
        .containsExactly(Stage.OUT_FOR_DELIVERY);
    // The wait for the next attempt (24 h by default), then the round (4 h).
    assertThat(Eta.predict(failed, T0, SLAS).etaAt()).isEqualTo(minutes(28 * 60));
    assertThat(Eta.passesAt(failed, T0, SLAS, minutes(27 * 60))).as("already").isEqualTo(T0);
  }

  @Test
  void onlyASetbackTriesAgainAndAGoalIsNeverWhereItTriesAgain() {
    assertThat(Eta.triesAgainAt(Stage.DELIVERY_FAILED, Stage::terminal))
        .isEqualTo(Stage.OUT_FOR_DELIVERY);
    assertThat(Eta.triesAgainAt(Stage.DELIVERY_FAILED, s -> s != Stage.IN_TRANSIT))
        .as("where every later stage is a goal, the earlier one")
        .isEqualTo(Stage.IN_TRANSIT);
    assertThat(Eta.triesAgainAt(Stage.OUT_FOR_DELIVERY, Stage::terminal)).isNull();
    assertThat(Eta.ahead(Journey.DELIVERY.stages(), Stage.PICKED_UP, Stage::terminal))
        .containsExactly(Stage.IN_TRANSIT, Stage.OUT_FOR_DELIVERY);
  }

  @Test
  void aFailedAttemptForgetsTheRoundsEtaUnlessItStatesOne() {
    Instant round = minutes(120);

    assertThat(Eta.producerEtaOnEntering(Stage.DELIVERY_FAILED, null, round)).isNull();
    assertThat(Eta.producerEtaOnEntering(Stage.DELIVERY_FAILED, minutes(900), round))
        .isEqualTo(minutes(900));
    assertThat(Eta.producerEtaOnEntering(Stage.DELIVERED, null, round))
        .as("any other stage keeps what is known of the whole job")
        .isEqualTo(round);
    assertThat(Eta.producerEtaOnEntering(Stage.QUALITY_CHECK, null, round)).isEqualTo(round);
  }

  private static Eta.Course course(Stage stage, Instant enteredAt, Instant producerEta) {
    return new Eta.Course(
        Journey.VEHICLE_SERVICE.stages(),
        stage,
        enteredAt,
        producerEta,
        s -> s.terminal() || !DEFAULTS.waitsOnBusiness(s));
  }

  private static Instant minutes(long minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }
}
