package io.milepost.stream.progress;

import static io.milepost.stream.TestEvents.DANA;
import static io.milepost.stream.TestEvents.PROMISED;
import static io.milepost.stream.TestEvents.at;
import static io.milepost.stream.TestEvents.event;
import static io.milepost.stream.TestEvents.stageChangedAt;
import static io.milepost.stream.TestEvents.versionAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.schemas.Intent;
import io.milepost.schemas.Journey;
import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.Stage;
import io.milepost.schemas.TimelineEntry;
import io.milepost.stream.progress.Transition.Outcome;
import org.junit.jupiter.api.Test;

class ProgressionTest {
  private static final JobProgress CHECKED_IN =
      JobProgress.begin(
          event("e1", "RO-1", Stage.CHECKED_IN, 0)
              .promisedAt(PROMISED)
              .note("Annual service")
              .customer(DANA)
              .build());

  @Test
  void firstEventStartsTheJobAtVersionOne() {
    Transition transition =
        Progression.decide(null, event("e1", "RO-1", Stage.CHECKED_IN, 0).build());

    assertThat(transition.outcome()).isEqualTo(Outcome.ENTERED_STAGE);
    assertThat(transition.previousStage()).isNull();
    assertThat(transition.next().version()).isEqualTo(versionAt(0));
    assertThat(transition.next().timeline())
        .containsExactly(new TimelineEntry(Stage.CHECKED_IN, at(0)));
  }

  @Test
  void laterStageIsEnteredWithTheNextVersionAndATimelineEntry() {
    Transition transition =
        Progression.decide(CHECKED_IN, event("e2", "RO-1", Stage.DIAGNOSING, 10).build());

    assertThat(transition.outcome()).isEqualTo(Outcome.ENTERED_STAGE);
    assertThat(transition.previousStage()).isEqualTo(Stage.CHECKED_IN);
    assertThat(transition.next().stage()).isEqualTo(Stage.DIAGNOSING);
    assertThat(transition.next().version()).isEqualTo(versionAt(10));
    assertThat(transition.next().timeline())
        .extracting(TimelineEntry::stage)
        .containsExactly(Stage.CHECKED_IN, Stage.DIAGNOSING);
  }

  @Test
  void stagesMayBeSkipped() {
    Transition transition =
        Progression.decide(CHECKED_IN, event("e2", "RO-1", Stage.IN_REPAIR, 10).build());

    assertThat(transition.outcome()).isEqualTo(Outcome.ENTERED_STAGE);
    assertThat(transition.next().stage()).isEqualTo(Stage.IN_REPAIR);
  }

  @Test
  void earlierStageNeverMovesTheJobBackwards() {
    JobProgress inRepair = CHECKED_IN.enter(event("e2", "RO-1", Stage.IN_REPAIR, 60).build());

    Transition transition =
        Progression.decide(inRepair, event("e3", "RO-1", Stage.DIAGNOSING, 30).build());

    assertThat(transition.outcome()).isEqualTo(Outcome.IGNORED_EARLIER_STAGE);
    assertThat(transition.next()).isEqualTo(inRepair);
  }

  @Test
  void sameStageWithANewNoteAmendsTheJobWithoutEnteringAStage() {
    Transition transition =
        Progression.decide(
            CHECKED_IN,
            event("e2", "RO-1", Stage.CHECKED_IN, 5).note("Customer waiting in lounge").build());

    assertThat(transition.outcome()).isEqualTo(Outcome.AMENDED);
    assertThat(transition.next().version()).isEqualTo(versionAt(5));
    assertThat(transition.next().note()).isEqualTo("Customer waiting in lounge");
    assertThat(transition.next().promisedAt()).isEqualTo(PROMISED);
    assertThat(transition.next().timeline()).hasSize(1);
  }

  @Test
  void sameStageWithNothingNewIsIgnored() {
    Transition transition =
        Progression.decide(
            CHECKED_IN, event("e2", "RO-1", Stage.CHECKED_IN, 5).note("Annual service").build());

    assertThat(transition.outcome()).isEqualTo(Outcome.IGNORED_UNCHANGED);
  }

  @Test
  void sameStageOlderThanTheLatestChangeIsStale() {
    JobProgress amended =
        CHECKED_IN.amend(event("e2", "RO-1", Stage.CHECKED_IN, 20).note("Newer").build());

    Transition transition =
        Progression.decide(
            amended, event("e3", "RO-1", Stage.CHECKED_IN, 10).note("Older").build());

    assertThat(transition.outcome()).isEqualTo(Outcome.IGNORED_STALE);
  }

  @Test
  void nothingMovesAJobAfterItsTerminalStage() {
    JobProgress delivered = JobProgress.begin(event("d1", "PCL-1", Stage.DELIVERED, 0).build());

    // DELIVERY_FAILED comes after DELIVERED in the journey's order, yet the parcel is delivered.
    Transition transition =
        Progression.decide(delivered, event("d2", "PCL-1", Stage.DELIVERY_FAILED, 5).build());

    assertThat(transition.outcome()).isEqualTo(Outcome.IGNORED_AFTER_TERMINAL);
  }

  @Test
  void versionsRiseByOneWhenALaterStageCarriesAnEarlierTime() {
    JobProgress diagnosing = CHECKED_IN.enter(event("e2", "RO-1", Stage.DIAGNOSING, 30).build());

    Transition repairing =
        Progression.decide(diagnosing, event("e3", "RO-1", Stage.IN_REPAIR, 20).build());

    assertThat(repairing.outcome()).isEqualTo(Outcome.ENTERED_STAGE);
    assertThat(repairing.next().version()).isEqualTo(diagnosing.version() + 1);
  }

  @Test
  void aJobWhoseStateStartsOverStaysAboveTheVersionsReadersAlreadyHave() {
    // The state of RO-1 was lost (a restart without a savepoint) after it reached DIAGNOSING.
    JobProgress before = CHECKED_IN.enter(event("e2", "RO-1", Stage.DIAGNOSING, 30).build());

    Transition afterTheLoss =
        Progression.decide(null, event("e3", "RO-1", Stage.IN_REPAIR, 90).build());

    assertThat(afterTheLoss.next().version()).isGreaterThan(before.version());
    assertThat(
            afterTheLoss
                .next()
                .stageChanged(null, event("e3", "RO-1", Stage.IN_REPAIR, 90).build())
                .intentId())
        .isNotEqualTo(
            before
                .stageChanged(Stage.CHECKED_IN, event("e2", "RO-1", Stage.DIAGNOSING, 30).build())
                .intentId());
  }

  @Test
  void aFailedDeliveryIsFollowedByANewAttemptAndThenDelivered() {
    JobProgress failed =
        JobProgress.begin(event("d1", "PCL-1", Stage.OUT_FOR_DELIVERY, 0).build())
            .enter(event("d2", "PCL-1", Stage.DELIVERY_FAILED, 60).build());

    Transition outAgain =
        Progression.decide(failed, event("d3", "PCL-1", Stage.OUT_FOR_DELIVERY, 24 * 60).build());
    Transition delivered =
        Progression.decide(
            outAgain.next(), event("d4", "PCL-1", Stage.DELIVERED, 24 * 60 + 90).build());

    assertThat(outAgain.outcome()).isEqualTo(Outcome.ENTERED_STAGE);
    assertThat(outAgain.previousStage()).isEqualTo(Stage.DELIVERY_FAILED);
    assertThat(delivered.outcome()).isEqualTo(Outcome.ENTERED_STAGE);
    assertThat(delivered.next().timeline())
        .extracting(TimelineEntry::stage)
        .containsExactly(
            Stage.OUT_FOR_DELIVERY, Stage.DELIVERY_FAILED, Stage.OUT_FOR_DELIVERY, Stage.DELIVERED);
  }

  @Test
  void theFirstAttemptArrivingAfterItsFailureIsNotANewAttempt() {
    JobProgress failed =
        JobProgress.begin(event("d1", "PCL-1", Stage.IN_TRANSIT, 0).build())
            .enter(event("d2", "PCL-1", Stage.DELIVERY_FAILED, 60).build());

    Transition late =
        Progression.decide(failed, event("d0", "PCL-1", Stage.OUT_FOR_DELIVERY, 30).build());

    assertThat(late.outcome()).isEqualTo(Outcome.IGNORED_EARLIER_STAGE);
  }

  @Test
  void aFailedDeliveryDoesNotReopenTheStartOfTheJourney() {
    assertThat(Progression.isRegression(Stage.DELIVERY_FAILED, Stage.PICKED_UP)).isTrue();
    assertThat(Progression.isRegression(Stage.DELIVERY_FAILED, Stage.OUT_FOR_DELIVERY)).isFalse();
    assertThat(Progression.isRegression(Stage.DELIVERY_FAILED, Stage.RETURNED)).isFalse();
  }

  @Test
  void eventClaimingAnotherJourneyIsIgnored() {
    Transition transition =
        Progression.decide(
            CHECKED_IN, event("e2", "RO-1", Stage.IN_TRANSIT, 5).journey(Journey.DELIVERY).build());

    assertThat(transition.outcome()).isEqualTo(Outcome.IGNORED_OTHER_JOURNEY);
  }

  @Test
  void enteringAStageKeepsThePromiseAndEtaButDropsTheOldStagesNote() {
    JobProgress waiting =
        CHECKED_IN.enter(
            event("e2", "RO-1", Stage.WAITING_FOR_PARTS, 30)
                .etaAt(at(600))
                .note("Brake pads arrive tomorrow")
                .build());

    JobProgress repairing = waiting.enter(event("e3", "RO-1", Stage.IN_REPAIR, 90).build());

    assertThat(repairing.promisedAt()).isEqualTo(PROMISED);
    assertThat(repairing.etaAt()).isEqualTo(at(600));
    assertThat(repairing.note()).isNull();
  }

  @Test
  void stageChangedIntentHasAReplayableIdAndTheCustomerOnlyOfItsOwnEvent() {
    OpsEvent diagnosing = event("e2", "RO-1", Stage.DIAGNOSING, 10).build();
    JobProgress next = CHECKED_IN.enter(diagnosing);

    Intent intent = next.stageChanged(Stage.CHECKED_IN, diagnosing);

    assertThat(intent.intentId()).isEqualTo(stageChangedAt("acme-motors/RO-1", 10));
    assertThat(intent.previousStage()).isEqualTo(Stage.CHECKED_IN);
    assertThat(intent.sourceEventId()).isEqualTo("e2");
    assertThat(intent.promisedAt()).isEqualTo(PROMISED);
    assertThat(intent.customer()).isNull();
  }

  @Test
  void regressionIsDecidedByPositionWithinTheJourney() {
    assertThat(Progression.isRegression(Stage.IN_REPAIR, Stage.DIAGNOSING)).isTrue();
    assertThat(Progression.isRegression(Stage.IN_REPAIR, Stage.IN_REPAIR)).isFalse();
    assertThat(Progression.isRegression(Stage.IN_REPAIR, Stage.COLLECTED)).isFalse();
    assertThat(Progression.isRegression(Stage.OUT_FOR_DELIVERY, Stage.CREATED)).isTrue();
  }
}
