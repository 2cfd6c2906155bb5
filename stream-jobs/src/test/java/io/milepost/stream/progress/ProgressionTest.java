package io.milepost.stream.progress;

import static io.milepost.stream.TestEvents.DANA;
import static io.milepost.stream.TestEvents.PROMISED;
import static io.milepost.stream.TestEvents.at;
import static io.milepost.stream.TestEvents.event;
import static io.milepost.stream.TestEvents.stageChangedAt;
import static io.milepost.stream.TestEvents.versionAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.schemas.Customer;
import io.milepost.schemas.Intent;
import io.milepost.schemas.IntentKind;
import io.milepost.schemas.Journey;
import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.Stage;
import io.milepost.schemas.TimelineEntry;
import io.milepost.stream.progress.Transition.Outcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressionTest {
  /** Another customer: a recycled job id's next one, or Dana's corrected details. */
  private static final Customer SAM =
      new Customer("Sam Okafor", "+13125550188", "en-US", "America/Chicago");

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

  // ---- job instances -----------------------------------------------------------------------

  private static final JobProgress COLLECTED =
      CHECKED_IN
          .enter(event("e2", "RO-1", Stage.READY_FOR_PICKUP, 240).build())
          .enter(event("e3", "RO-1", Stage.COLLECTED, 300).build());

  @Test
  void shouldStartANewInstanceWhenAClosedJobIdIsCheckedInAgain() {
    OpsEvent recycled =
        event("f1", "RO-1", Stage.CHECKED_IN, 360).customer(SAM).note("Oil change").build();

    Transition transition = Progression.decide(COLLECTED, recycled);

    assertThat(transition.outcome()).isEqualTo(Outcome.ENTERED_STAGE);
    assertThat(transition.previousStage()).as("not news of the old instance").isNull();
    JobProgress next = transition.next();
    assertThat(next.version()).isEqualTo(versionAt(360)).isGreaterThan(COLLECTED.version());
    assertThat(next.instance()).isEqualTo(next.version()).isGreaterThan(COLLECTED.instance());
    assertThat(next.timeline()).containsExactly(new TimelineEntry(Stage.CHECKED_IN, at(360)));
    assertThat(next.promisedAt()).as("the old instance's promise is not this one's").isNull();
    assertThat(next.note()).isEqualTo("Oil change");
    Intent intent = next.stageChanged(null, recycled);
    assertThat(intent.instance()).isEqualTo(versionAt(360));
    assertThat(intent.customer()).isEqualTo(SAM);
    assertThat(next.toBoardUpdate().instance()).isEqualTo(versionAt(360));
  }

  @Test
  void shouldNotStartANewInstanceWithAFirstStageFromBeforeTheClose() {
    // A check-in stamped before the job was collected is the old instance's, resent late.
    Transition transition =
        Progression.decide(COLLECTED, event("f1", "RO-1", Stage.CHECKED_IN, 290).build());

    assertThat(transition.outcome()).isEqualTo(Outcome.IGNORED_AFTER_TERMINAL);
  }

  @Test
  void shouldNotStartANewInstanceWithALaterStageAfterTheClose() {
    Transition transition =
        Progression.decide(COLLECTED, event("f1", "RO-1", Stage.DIAGNOSING, 360).build());

    assertThat(transition.outcome()).isEqualTo(Outcome.IGNORED_AFTER_TERMINAL);
  }

  @Test
  void shouldNotLetTheOldInstancesLateEventsMoveTheNewOneOrGiveItTheirCustomer() {
    JobProgress recycled =
        Progression.decide(COLLECTED, event("f1", "RO-1", Stage.CHECKED_IN, 360).build()).next();
    // Resent by the dealer system with new ids after the number was given to the next car.
    OpsEvent lateReady = event("r6", "RO-1", Stage.READY_FOR_PICKUP, 240).build();
    OpsEvent lateCheckIn = event("r1", "RO-1", Stage.CHECKED_IN, 0).customer(DANA).build();

    Transition ready = Progression.decide(recycled, lateReady);
    Transition checkIn = Progression.decide(recycled, lateCheckIn);

    assertThat(ready.outcome()).isEqualTo(Outcome.IGNORED_EARLIER_INSTANCE);
    assertThat(checkIn.outcome()).isEqualTo(Outcome.IGNORED_EARLIER_INSTANCE);
    assertThat(Progression.contactChange(checkIn, lateCheckIn))
        .as("the previous customer must not become the new job's contact")
        .isEmpty();
  }

  @Test
  void shouldKeepTheInstanceWhileTheJobMovesOnAndNameItInEveryOutput() {
    JobProgress inRepair =
        CHECKED_IN
            .enter(event("e2", "RO-1", Stage.IN_REPAIR, 60).build())
            .amend(event("e3", "RO-1", Stage.IN_REPAIR, 70).note("Rotating tyres").build());

    assertThat(CHECKED_IN.instance()).isEqualTo(versionAt(0));
    assertThat(inRepair.instance()).isEqualTo(versionAt(0));
    assertThat(inRepair.version()).isEqualTo(versionAt(70));
    assertThat(inRepair.toBoardUpdate().instance()).isEqualTo(versionAt(0));
    assertThat(
            inRepair
                .stageChanged(Stage.CHECKED_IN, event("e2", "RO-1", Stage.IN_REPAIR, 60).build())
                .instance())
        .isEqualTo(versionAt(0));
  }

  @Test
  void shouldDeriveTheInstanceOfStateWrittenBeforeInstancesExisted() {
    // Flink restores a record field it did not write with the type's default: 0 for a long.
    JobProgress restored =
        new JobProgress(
            "acme-motors",
            "springfield",
            "RO-1",
            Journey.VEHICLE_SERVICE,
            Stage.DIAGNOSING,
            versionAt(10),
            0,
            at(10),
            null,
            null,
            null,
            List.of(
                new TimelineEntry(Stage.CHECKED_IN, at(0)),
                new TimelineEntry(Stage.DIAGNOSING, at(10))));

    assertThat(restored.instance()).isEqualTo(CHECKED_IN.instance()).isEqualTo(versionAt(0));
  }

  // ---- customer details without a stage change --------------------------------------------

  @Test
  void shouldForwardCustomerDetailsThatArriveWithoutAStageChange() {
    JobProgress diagnosing =
        CHECKED_IN.enter(event("e2", "RO-1", Stage.DIAGNOSING, 30).note("Listening").build());
    List<OpsEvent> withoutNews =
        List.of(
            // a second check-in with the phone: an earlier stage now
            event("e3", "RO-1", Stage.CHECKED_IN, 31).customer(SAM).build(),
            // a corrected number on the current stage, with nothing else new
            event("e4", "RO-1", Stage.DIAGNOSING, 32).note("Listening").customer(SAM).build(),
            // ... with a new note: the board changes, the customer is told nothing
            event("e5", "RO-1", Stage.DIAGNOSING, 33).note("Found it").customer(SAM).build(),
            // ... stamped before the job's latest change
            event("e6", "RO-1", Stage.DIAGNOSING, 20).customer(SAM).build());

    for (OpsEvent event : withoutNews) {
      Transition transition = Progression.decide(diagnosing, event);

      assertThat(transition.entersStage()).as(event.eventId()).isFalse();
      assertThat(Progression.contactChange(transition, event))
          .as(event.eventId())
          .hasValueSatisfying(
              intent -> {
                assertThat(intent.kind()).isEqualTo(IntentKind.CONTACT_CHANGED);
                assertThat(intent.intentId())
                    .isEqualTo(
                        Intent.idForEvent(
                            "acme-motors", "RO-1", IntentKind.CONTACT_CHANGED, event.eventId()));
                assertThat(intent.customer()).isEqualTo(SAM);
                assertThat(intent.stage()).isEqualTo(Stage.DIAGNOSING);
                assertThat(intent.version()).isEqualTo(transition.next().version());
                assertThat(intent.instance()).isEqualTo(CHECKED_IN.instance());
                assertThat(intent.sourceEventId()).isEqualTo(event.eventId());
                assertThat(intent.occurrence()).isNull();
                assertThat(intent.note()).as("no news for the customer").isNull();
              });
    }
  }

  @Test
  void shouldLeaveCustomerDetailsOfAStageChangeToItsOwnIntent() {
    OpsEvent diagnosing = event("e2", "RO-1", Stage.DIAGNOSING, 30).customer(SAM).build();

    Transition transition = Progression.decide(CHECKED_IN, diagnosing);

    assertThat(Progression.contactChange(transition, diagnosing)).isEmpty();
    assertThat(transition.next().stageChanged(Stage.CHECKED_IN, diagnosing).customer())
        .isEqualTo(SAM);
  }

  @Test
  void shouldNotForwardCustomerDetailsOfAnotherJourneyOrOfAClosedJob() {
    OpsEvent otherJourney =
        event("e2", "RO-1", Stage.IN_TRANSIT, 5).journey(Journey.DELIVERY).customer(SAM).build();
    OpsEvent afterTheClose = event("e4", "RO-1", Stage.DIAGNOSING, 360).customer(SAM).build();

    assertThat(
            Progression.contactChange(Progression.decide(CHECKED_IN, otherJourney), otherJourney))
        .isEmpty();
    assertThat(
            Progression.contactChange(Progression.decide(COLLECTED, afterTheClose), afterTheClose))
        .as("maybe the next customer of a recycled id: never the closed job's contact")
        .isEmpty();
  }

  // ---- failed deliveries from an earlier attempt ------------------------------------------

  @Test
  void shouldNotMoveTheJobForAFailedDeliveryFromBeforeItsLatestAttempt() {
    JobProgress outAgain =
        JobProgress.begin(event("d1", "PCL-1", Stage.OUT_FOR_DELIVERY, 0).build())
            .enter(event("d2", "PCL-1", Stage.DELIVERY_FAILED, 60).build())
            .enter(event("d3", "PCL-1", Stage.OUT_FOR_DELIVERY, 24 * 60).build());
    JobProgress outOnce =
        JobProgress.begin(event("d1", "PCL-1", Stage.IN_TRANSIT, 0).build())
            .enter(event("d2", "PCL-1", Stage.OUT_FOR_DELIVERY, 100).build());

    Transition lateFromTheFirstAttempt =
        Progression.decide(outAgain, event("d9", "PCL-1", Stage.DELIVERY_FAILED, 90).build());
    Transition olderThanTheOnlyAttempt =
        Progression.decide(outOnce, event("d9", "PCL-1", Stage.DELIVERY_FAILED, 50).build());
    Transition ofTheCurrentAttempt =
        Progression.decide(
            outAgain, event("d4", "PCL-1", Stage.DELIVERY_FAILED, 24 * 60 + 90).build());

    assertThat(lateFromTheFirstAttempt.outcome()).isEqualTo(Outcome.IGNORED_EARLIER_STAGE);
    assertThat(olderThanTheOnlyAttempt.outcome()).isEqualTo(Outcome.IGNORED_EARLIER_STAGE);
    assertThat(ofTheCurrentAttempt.outcome()).isEqualTo(Outcome.ENTERED_STAGE);
  }

  @Test
  void shouldNotMoveADeliveredParcelForAnEarlierFailure() {
    JobProgress delivered =
        JobProgress.begin(event("d1", "PCL-1", Stage.OUT_FOR_DELIVERY, 0).build())
            .enter(event("d2", "PCL-1", Stage.DELIVERED, 60).build());

    Transition transition =
        Progression.decide(delivered, event("d9", "PCL-1", Stage.DELIVERY_FAILED, 30).build());

    assertThat(transition.outcome()).isEqualTo(Outcome.IGNORED_AFTER_TERMINAL);
  }

  // ---- when state goes ---------------------------------------------------------------------

  @Test
  void shouldCloseAFinishedJobAfterTheGraceAndAnUnfinishedOneAfterTheInactivity() {
    Duration grace = Duration.ofHours(24);
    Duration inactivity = Duration.ofDays(30);

    assertThat(Progression.closesAt(COLLECTED, grace, inactivity))
        .isEqualTo(at(300).plus(grace).toEpochMilli());
    assertThat(Progression.closesAt(CHECKED_IN, grace, inactivity))
        .isEqualTo(at(0).plus(inactivity).toEpochMilli());
    long deadline = at(0).plus(inactivity).toEpochMilli();
    assertThat(Progression.isClosedAt(CHECKED_IN, deadline - 1, grace, inactivity)).isFalse();
    assertThat(Progression.isClosedAt(CHECKED_IN, deadline, grace, inactivity)).isTrue();
  }
}
