package io.milepost.stream.progress;

import static io.milepost.stream.TestEvents.DANA;
import static io.milepost.stream.TestEvents.at;
import static io.milepost.stream.TestEvents.event;
import static io.milepost.stream.TestEvents.stageChangedAt;
import static io.milepost.stream.TestEvents.versionAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.milepost.schemas.BoardUpdate;
import io.milepost.schemas.Customer;
import io.milepost.schemas.Intent;
import io.milepost.schemas.IntentKind;
import io.milepost.schemas.Journey;
import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.ReasonCode;
import io.milepost.schemas.Stage;
import io.milepost.schemas.TimelineEntry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupsStateHandle;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobProgressFunctionTest {
  private static final String RO_1 = "acme-motors/RO-1";
  private static final Duration GRACE = Duration.ofHours(1);
  private static final Duration INACTIVITY = Duration.ofDays(2);

  /** Dana's number corrected by the service advisor. */
  private static final Customer DANA_CORRECTED =
      new Customer("Dana Whitfield", "+14155550177", "en-US", "America/Los_Angeles");

  private static final Customer SAM =
      new Customer("Sam Okafor", "+13125550188", "en-US", "America/Chicago");

  private KeyedBroadcastOperatorTestHarness<String, OpsEvent, Shared, Intent> harness;

  @AfterEach
  void close() throws Exception {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void eachNewStageEmitsOneIntentAndOneBoardUpdateWithRisingVersions() throws Exception {
    open(8);

    push(event("e1", "RO-1", Stage.CHECKED_IN, 0).build());
    push(event("e2", "RO-1", Stage.DIAGNOSING, 10).build());
    push(event("e3", "RO-1", Stage.IN_REPAIR, 60).build());

    assertThat(intents())
        .extracting(Intent::intentId, Intent::stage, Intent::previousStage, Intent::version)
        .containsExactly(
            tuple(stageChangedAt(RO_1, 0), Stage.CHECKED_IN, null, versionAt(0)),
            tuple(stageChangedAt(RO_1, 10), Stage.DIAGNOSING, Stage.CHECKED_IN, versionAt(10)),
            tuple(stageChangedAt(RO_1, 60), Stage.IN_REPAIR, Stage.DIAGNOSING, versionAt(60)));
    assertThat(boardUpdates())
        .extracting(BoardUpdate::version, BoardUpdate::stage)
        .containsExactly(
            tuple(versionAt(0), Stage.CHECKED_IN),
            tuple(versionAt(10), Stage.DIAGNOSING),
            tuple(versionAt(60), Stage.IN_REPAIR));
    assertThat(boardUpdates().get(2).timeline()).hasSize(3);
  }

  @Test
  void duplicateEventIdEmitsNothing() throws Exception {
    open(8);
    OpsEvent checkedIn = event("e1", "RO-1", Stage.CHECKED_IN, 0).note("first").build();
    push(checkedIn);

    // Same id, and content that would otherwise amend the job: the id alone decides.
    push(event("e1", "RO-1", Stage.CHECKED_IN, 5).note("retried with other text").build());

    assertThat(intents()).hasSize(1);
    assertThat(boardUpdates()).hasSize(1);
  }

  @Test
  void earlierStageEmitsNothing() throws Exception {
    open(8);
    push(event("e1", "RO-1", Stage.CHECKED_IN, 0).build());
    push(event("e3", "RO-1", Stage.IN_REPAIR, 60).build());
    // (CHECKED_IN's overrun, due at minute 22.5, was decided before e3: see ReplayDecidesAsLive.)
    int intents = intents().size();
    int updates = boardUpdates().size();

    push(event("e2", "RO-1", Stage.DIAGNOSING, 10).build());

    assertThat(intents()).hasSize(intents);
    assertThat(intents().get(intents - 1).stage()).isEqualTo(Stage.IN_REPAIR);
    assertThat(boardUpdates()).hasSize(updates);
  }

  @Test
  void sameStageWithANewEtaWithinTheThresholdUpdatesOnlyTheBoard() throws Exception {
    open(8);
    push(event("p1", "PCL-1", Stage.OUT_FOR_DELIVERY, 0).etaAt(at(120)).build());

    push(event("p2", "PCL-1", Stage.OUT_FOR_DELIVERY, 30).etaAt(at(110)).build());

    assertThat(intents()).hasSize(1);
    assertThat(boardUpdates())
        .extracting(BoardUpdate::version, BoardUpdate::etaAt)
        .containsExactly(tuple(versionAt(0), at(120)), tuple(versionAt(30), at(110)));
  }

  @Test
  void aProducerEtaMovedByMoreThanTheThresholdIsToldAsEtaChanged() throws Exception {
    open(8);
    push(event("p1", "PCL-1", Stage.OUT_FOR_DELIVERY, 0).etaAt(at(120)).build());

    push(event("p2", "PCL-1", Stage.OUT_FOR_DELIVERY, 30).etaAt(at(90)).build());

    assertThat(intents())
        .extracting(Intent::kind, Intent::occurrence, Intent::etaAt)
        .containsExactly(
            tuple(IntentKind.STAGE_CHANGED, null, at(120)),
            tuple(IntentKind.ETA_CHANGED, 1, at(90)));
    assertThat(intents().get(1).reason().code()).isEqualTo(ReasonCode.PRODUCER_ETA);
    assertThat(intents().get(1).intentId())
        .isEqualTo(
            Intent.idForOccurrence(
                "swift-parcels", "PCL-1", IntentKind.ETA_CHANGED, versionAt(0), 1));
  }

  @Test
  void customerDetailsAreForwardedFromEveryEventThatCarriesThemAndNeverKeptInState()
      throws Exception {
    open(8);
    push(event("e1", "RO-1", Stage.CHECKED_IN, 0).note("Brake check").build());
    // The phone arrives on a second check-in; the stage does not change.
    push(event("e2", "RO-1", Stage.CHECKED_IN, 2).note("Brake check").customer(DANA).build());
    push(event("e2", "RO-1", Stage.CHECKED_IN, 2).note("Brake check").customer(DANA).build());
    push(event("e3", "RO-1", Stage.DIAGNOSING, 10).build());
    // A corrected number on a later event of the same stage, with a new note for the board.
    push(
        event("e4", "RO-1", Stage.DIAGNOSING, 15)
            .note("Pads worn")
            .customer(DANA_CORRECTED)
            .build());
    // A late check-in carrying the details again: ignored as an earlier stage, still forwarded.
    push(event("e5", "RO-1", Stage.CHECKED_IN, 1).customer(DANA_CORRECTED).build());
    // An event of another journey is a confused producer: its customer is not this job's.
    push(
        new OpsEvent(
            "e6",
            "acme-motors",
            "springfield",
            "RO-1",
            Journey.DELIVERY,
            Stage.IN_TRANSIT,
            at(20),
            null,
            null,
            null,
            SAM));

    assertThat(intents())
        .extracting(Intent::kind, Intent::sourceEventId, Intent::stage, Intent::customer)
        .containsExactly(
            tuple(IntentKind.STAGE_CHANGED, "e1", Stage.CHECKED_IN, null),
            tuple(IntentKind.CONTACT_CHANGED, "e2", Stage.CHECKED_IN, DANA),
            tuple(IntentKind.STAGE_CHANGED, "e3", Stage.DIAGNOSING, null),
            tuple(IntentKind.CONTACT_CHANGED, "e4", Stage.DIAGNOSING, DANA_CORRECTED),
            tuple(IntentKind.CONTACT_CHANGED, "e5", Stage.DIAGNOSING, DANA_CORRECTED));
    assertThat(intents().get(1).intentId())
        .isEqualTo(Intent.idForEvent("acme-motors", "RO-1", IntentKind.CONTACT_CHANGED, "e2"));
    assertThat(intents().get(4).version()).isEqualTo(versionAt(15));
    assertThat(intents()).extracting(Intent::instance).containsOnly(versionAt(0));
    assertThat(boardUpdates())
        .extracting(BoardUpdate::version)
        .containsExactly(versionAt(0), versionAt(10), versionAt(15));
    String state = stateBytes();
    assertThat(state).as("what the job does keep is visible in its state").contains("RO-1", "e4");
    assertThat(state)
        .doesNotContain(DANA.phone())
        .doesNotContain(DANA.name())
        .doesNotContain(DANA_CORRECTED.phone())
        .doesNotContain(SAM.phone());
  }

  @Test
  void shouldStartANewInstanceWhenAClosedJobIdIsCheckedInAgain() throws Exception {
    open(8);
    push(event("e1", "RO-1", Stage.READY_FOR_PICKUP, 0).build());
    push(event("e2", "RO-1", Stage.COLLECTED, 30).build());
    // Within the grace period, the repair order number is given to the next car.
    push(event("f1", "RO-1", Stage.CHECKED_IN, 40).customer(SAM).build());
    long oldGraceEnds = at(30).plus(GRACE).toEpochMilli();

    harness.processWatermark(oldGraceEnds);
    push(event("f2", "RO-1", Stage.DIAGNOSING, 90).build());

    // The new instance's CHECKED_IN overran by then: an alert, not a stage change.
    assertThat(intents())
        .filteredOn(intent -> intent.kind() == IntentKind.STAGE_CHANGED)
        .extracting(Intent::stage, Intent::previousStage, Intent::instance, Intent::customer)
        .containsExactly(
            tuple(Stage.READY_FOR_PICKUP, null, versionAt(0), null),
            tuple(Stage.COLLECTED, Stage.READY_FOR_PICKUP, versionAt(0), null),
            tuple(Stage.CHECKED_IN, null, versionAt(40), SAM),
            tuple(Stage.DIAGNOSING, Stage.CHECKED_IN, versionAt(40), null));
    BoardUpdate latest = boardUpdates().get(boardUpdates().size() - 1);
    assertThat(latest.instance()).isEqualTo(versionAt(40));
    assertThat(latest.timeline())
        .extracting(TimelineEntry::stage)
        .containsExactly(Stage.CHECKED_IN, Stage.DIAGNOSING);
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);

    push(event("f3", "RO-1", Stage.COLLECTED, 120).build());
    harness.processWatermark(at(120).plus(GRACE).toEpochMilli());

    assertThat(HarnessState.keyedEntries(harness)).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void shouldCloseAJobWithoutNewsForTheInactivityTimeoutKeepingOneTimerPerJob() throws Exception {
    open(8);
    push(event("e1", "RO-1", Stage.CHECKED_IN, 0).build());
    push(event("e2", "RO-1", Stage.DIAGNOSING, 10).build());
    push(event("e3", "RO-1", Stage.DIAGNOSING, 20).note("Waiting for the customer").build());
    push(event("e4", "RO-1", Stage.CHECKED_IN, 30).build()); // ignored: re-arms nothing
    long inactiveUntil = at(20).plus(INACTIVITY).toEpochMilli();

    assertThat(harness.numEventTimeTimers()).as("one per job, moved by each change").isEqualTo(1);
    harness.processWatermark(inactiveUntil - 1);
    assertThat(HarnessState.keyedEntries(harness)).isPositive();

    harness.processWatermark(inactiveUntil);

    assertThat(HarnessState.keyedEntries(harness)).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.numProcessingTimeTimers()).isZero();
  }

  @Test
  void dedupeMemoryIsBoundedToTheMostRecentEvents() throws Exception {
    open(2);
    push(event("evt-first", "RO-1", Stage.CHECKED_IN, 0).build());
    push(event("evt-second", "RO-1", Stage.DIAGNOSING, 10).build());
    push(event("evt-third", "RO-1", Stage.IN_REPAIR, 20).build());

    assertThat(stateBytes()).contains("evt-second", "evt-third").doesNotContain("evt-first");
  }

  @Test
  void finishedJobLeavesNoStateOrTimersAfterTheGracePeriod() throws Exception {
    open(8);
    push(event("e1", "RO-1", Stage.READY_FOR_PICKUP, 0).build());
    push(event("e2", "RO-1", Stage.COLLECTED, 30).build());
    long end = at(30).plus(GRACE).toEpochMilli();

    harness.processWatermark(end - 1);
    push(event("e3", "RO-1", Stage.IN_REPAIR, 40).build());
    assertThat(HarnessState.keyedEntries(harness)).isPositive();
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);

    harness.processWatermark(end);

    assertThat(HarnessState.keyedEntries(harness)).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.numProcessingTimeTimers()).isZero();
    assertThat(intents())
        .extracting(Intent::stage)
        .containsExactly(Stage.READY_FOR_PICKUP, Stage.COLLECTED);
  }

  @Test
  void shouldCheckACleanupTimerAgainstTheJobWhenItFiresNotTrustIt() throws Exception {
    open(8);
    push(event("e1", "RO-1", Stage.COLLECTED, 0).build());
    OperatorSubtaskState checkpoint = harness.snapshot(1L, 1L);
    harness.close();
    // Restarted with a longer grace: the timer restored from the checkpoint is now early.
    Duration longerGrace = GRACE.multipliedBy(3);
    harness = restored(new JobProgressFunction(longerGrace, INACTIVITY, 8), checkpoint);

    harness.processWatermark(at(0).plus(GRACE).toEpochMilli());
    assertThat(HarnessState.keyedEntries(harness)).as("kept for the grace now set").isPositive();
    assertThat(harness.numEventTimeTimers()).as("set again for then").isEqualTo(1);

    harness.processWatermark(at(0).plus(longerGrace).toEpochMilli());
    assertThat(HarnessState.keyedEntries(harness)).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void progressSurvivesARestoreFromACheckpoint() throws Exception {
    open(8);
    push(event("e1", "RO-1", Stage.CHECKED_IN, 0).build());
    push(event("e2", "RO-1", Stage.DIAGNOSING, 10).note("Listening to the brakes").build());
    OperatorSubtaskState checkpoint = harness.snapshot(1L, 1L);
    harness.close();

    harness = restored(new JobProgressFunction(GRACE, INACTIVITY, 8), checkpoint);
    push(event("e2", "RO-1", Stage.DIAGNOSING, 10).note("Listening to the brakes").build());
    push(event("e3", "RO-1", Stage.IN_REPAIR, 40).build());

    assertThat(intents())
        .extracting(Intent::version, Intent::previousStage)
        .containsExactly(tuple(versionAt(40), Stage.DIAGNOSING));
    assertThat(boardUpdates().get(0).timeline())
        .extracting(TimelineEntry::stage)
        .containsExactly(Stage.CHECKED_IN, Stage.DIAGNOSING, Stage.IN_REPAIR);
  }

  private void open(int seenEventsLimit) throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
            new JobProgressFunction(GRACE, INACTIVITY, seenEventsLimit),
            OpsEvent::key,
            Types.STRING,
            JobProgressFunction.RULES,
            JobProgressFunction.LEARNED);
    // As in the job: the rules hold no time back.
    harness.processBroadcastWatermark(Long.MAX_VALUE);
  }

  private static KeyedBroadcastOperatorTestHarness<String, OpsEvent, Shared, Intent> restored(
      JobProgressFunction function, OperatorSubtaskState checkpoint) throws Exception {
    KeyedBroadcastOperatorTestHarness<String, OpsEvent, Shared, Intent> restored =
        new KeyedBroadcastOperatorTestHarness<>(
            new CoBroadcastWithKeyedOperator<>(
                function, List.of(JobProgressFunction.RULES, JobProgressFunction.LEARNED)),
            OpsEvent::key,
            Types.STRING,
            1,
            1,
            0);
    restored.initializeState(checkpoint);
    restored.open();
    restored.processBroadcastWatermark(Long.MAX_VALUE);
    return restored;
  }

  private void push(OpsEvent event) throws Exception {
    harness.processElement(event, event.occurredAt().toEpochMilli());
  }

  private List<Intent> intents() {
    return harness.extractOutputValues();
  }

  private List<BoardUpdate> boardUpdates() {
    return harness.getSideOutput(JobProgressFunction.BOARD_UPDATES).stream()
        .map(StreamRecord::getValue)
        .toList();
  }

  /** The job's keyed state as a checkpoint would write it, for "is this stored?" questions. */
  private String stateBytes() throws Exception {
    OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (KeyedStateHandle handle : snapshot.getManagedKeyedState()) {
      try (FSDataInputStream in = ((KeyGroupsStateHandle) handle).openInputStream()) {
        in.transferTo(bytes);
      }
    }
    // Flink writes ASCII text one byte per character, so a stored phone number would be found.
    return bytes.toString(StandardCharsets.ISO_8859_1);
  }
}
