package io.milepost.stream.progress;

import static io.milepost.stream.TestEvents.DANA;
import static io.milepost.stream.TestEvents.at;
import static io.milepost.stream.TestEvents.event;
import static io.milepost.stream.TestEvents.versionAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.milepost.schemas.Alert;
import io.milepost.schemas.AlertKind;
import io.milepost.schemas.BoardUpdate;
import io.milepost.schemas.Intent;
import io.milepost.schemas.IntentKind;
import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.ReasonCode;
import io.milepost.schemas.Rules;
import io.milepost.schemas.Stage;
import io.milepost.schemas.WireCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine speaks up before anyone asks: ETA, delay risk, overrun, silence, digest, and rules
 * that change at run time. Operator harness, event time advanced by the test; the tenants start on
 * the default rules (ARCHITECTURE.md).
 */
class SpeakingUpTest {
  private static final Duration GRACE = Duration.ofHours(1);
  private static final Duration INACTIVITY = Duration.ofDays(30);
  private static final Duration RECHECK = Duration.ofMinutes(10);

  private KeyedBroadcastOperatorTestHarness<String, OpsEvent, Shared, Intent> harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
            new JobProgressFunction(GRACE, INACTIVITY, 64, RECHECK),
            OpsEvent::key,
            Types.STRING,
            JobProgressFunction.RULES,
            JobProgressFunction.LEARNED);
    harness.processBroadcastWatermark(Long.MAX_VALUE); // as in the job: rules hold no time back
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void aJobStalledInWaitingForPartsEmitsExactlyOneStageOverrun() throws Exception {
    push(event("e1", "RO-1", Stage.CHECKED_IN, 0).customer(DANA).build());
    // Before CHECKED_IN overruns (15 min x 1.5): that overrun would be decided before this event.
    push(event("e2", "RO-1", Stage.WAITING_FOR_PARTS, 20).build());

    // Two days without news, watched every half hour: 24 h SLA x 1.5 = 36 h after minute 20.
    for (long minute = 30; minute <= 48 * 60; minute += 30) {
      watermark(minute);
    }

    assertThat(intentsOf(IntentKind.STAGE_OVERRUN))
        .singleElement()
        .satisfies(
            overrun -> {
              assertThat(overrun.stage()).isEqualTo(Stage.WAITING_FOR_PARTS);
              assertThat(overrun.occurrence()).isEqualTo(1);
              assertThat(overrun.occurredAt()).isEqualTo(at(20 + 36 * 60));
              assertThat(overrun.reason().code()).isEqualTo(ReasonCode.STAGE_OVERRUN);
              assertThat(overrun.reason().minutes()).isEqualTo(12 * 60); // past the 24 h SLA
            });
    assertThat(lastBoardUpdate().alerts())
        .extracting(Alert::kind, Alert::stage, Alert::occurrence)
        .contains(tuple(AlertKind.STAGE_OVERRUN, Stage.WAITING_FOR_PARTS, 1));
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
  }

  @Test
  void aStageThatWaitsOnTheCustomerNeverOverruns() throws Exception {
    push(event("e1", "RO-1", Stage.READY_FOR_PICKUP, 0).customer(DANA).build());

    // A week uncollected: far past the 24 h SLA x 1.5, and still the customer's move.
    for (long minute = 60; minute <= 7 * 24 * 60; minute += 60) {
      watermark(minute);
    }

    assertThat(intentsOf(IntentKind.STAGE_OVERRUN)).isEmpty();
    assertThat(intentsOf(IntentKind.SILENCE)).isEmpty();
    assertThat(lastBoardUpdate().alerts()).isEmpty();
  }

  @Test
  void aNewStageClearsTheOverrunAlertAndMayOverrunOnceItself() throws Exception {
    push(event("e1", "RO-1", Stage.DIAGNOSING, 0).build());
    watermark(91); // 60 min x 1.5
    push(event("e2", "RO-1", Stage.QUALITY_CHECK, 100).build());

    assertThat(lastBoardUpdate().alerts()).isEmpty();
    watermark(100 + 45);
    assertThat(intentsOf(IntentKind.STAGE_OVERRUN))
        .extracting(Intent::stage, Intent::occurrence)
        .containsExactly(tuple(Stage.DIAGNOSING, 1), tuple(Stage.QUALITY_CHECK, 2));
  }

  @Test
  void aSlippingJobEmitsDelayRiskBeforeThePromiseAndNotAgainUntilItSlipsFurther() throws Exception {
    Instant promised = at(300);
    // In repair (3 h) then quality check (30 min): ready at minute 210, promised at 300.
    push(event("e1", "RO-1", Stage.IN_REPAIR, 0).promisedAt(promised).customer(DANA).build());
    assertThat(lastBoardUpdate().etaAt()).isEqualTo(at(210));
    assertThat(lastBoardUpdate().etaReason().code()).isEqualTo(ReasonCode.SLA_DURATION);

    // The repair overruns; nobody says so. From minute 180 the ETA moves with the clock, and
    // passes the promise plus 15 min tolerance just after minute 285.
    for (long minute = 0; minute <= 290; minute += 5) {
      watermark(minute);
    }
    List<Intent> risks = intentsOf(IntentKind.DELAY_RISK);
    assertThat(risks).hasSize(1);
    Intent risk = risks.get(0);
    assertThat(risk.occurredAt()).isBefore(promised);
    assertThat(risk.occurrence()).isEqualTo(1);
    assertThat(risk.promisedAt()).isEqualTo(promised);
    assertThat(risk.etaAt()).isAfter(promised.plus(Duration.ofMinutes(15)));
    assertThat(risk.reason().code()).isEqualTo(ReasonCode.PROMISE_AT_RISK);
    assertThat(lastBoardUpdate().alerts()).extracting(Alert::kind).contains(AlertKind.DELAY_RISK);

    // A note a little later moves the ETA less than another threshold: nothing new for the
    // customer, and time alone does not warn again.
    push(event("e2", "RO-1", Stage.IN_REPAIR, 292).note("Still on it").build());
    for (long minute = 295; minute <= 400; minute += 5) {
      watermark(minute);
    }
    assertThat(intentsOf(IntentKind.DELAY_RISK)).hasSize(1);
    assertThat(intentsOf(IntentKind.ETA_CHANGED)).isEmpty();

    // The workshop says it will take until minute 480: a further slip, warned once more.
    push(event("e3", "RO-1", Stage.IN_REPAIR, 405).etaAt(at(480)).build());
    assertThat(intentsOf(IntentKind.DELAY_RISK))
        .extracting(Intent::occurrence, Intent::etaAt)
        .containsExactly(tuple(1, risk.etaAt()), tuple(2, at(480)));
  }

  @Test
  void aPromiseKeptIsKnownWhenTheJobReachesItsGoal() throws Exception {
    push(event("e1", "RO-1", Stage.QUALITY_CHECK, 0).promisedAt(at(60)).build());
    assertThat(lastBoardUpdate().promiseKept()).isNull();
    push(event("e2", "RO-1", Stage.READY_FOR_PICKUP, 40).build());

    JobOutlook outlook = outlookOf("acme-motors/RO-1");
    assertThat(outlook.promiseKept).isTrue();
    assertThat(lastBoardUpdate().promiseKept()).isTrue(); // what the CX metrics count
    assertThat(intentsOf(IntentKind.DELAY_RISK)).isEmpty();
  }

  @Test
  void aPromiseBrokenIsOnTheBoardWhenTheJobReachesItsGoalLate() throws Exception {
    push(event("e1", "RO-1", Stage.QUALITY_CHECK, 0).promisedAt(at(60)).build());
    push(event("e2", "RO-1", Stage.READY_FOR_PICKUP, 61).build());

    assertThat(lastBoardUpdate().promiseKept()).isFalse();
    assertThat(intentsOf(IntentKind.DELAY_RISK)).isEmpty();
  }

  @Test
  void aReplayedOldEventChangesNothing() throws Exception {
    OpsEvent checkedIn = event("e1", "RO-1", Stage.CHECKED_IN, 0).customer(DANA).build();
    OpsEvent diagnosing = event("e2", "RO-1", Stage.DIAGNOSING, 20).build();
    push(checkedIn);
    push(diagnosing);
    push(event("e3", "RO-1", Stage.WAITING_FOR_PARTS, 90).build());
    watermark(60);
    int intents = harness.extractOutputValues().size();
    int boards = boardUpdates().size();
    JobProgress before = progressOf("acme-motors/RO-1");

    push(checkedIn); // the same event again
    push(diagnosing);
    push(event("e2-resent", "RO-1", Stage.DIAGNOSING, 20).build()); // resent under a new id

    assertThat(harness.extractOutputValues()).hasSize(intents);
    assertThat(boardUpdates()).hasSize(boards);
    assertThat(progressOf("acme-motors/RO-1")).isEqualTo(before);
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
  }

  @Test
  void threeStageChangesInsideTheDigestWindowGiveOneCustomerIntentAndThreeBoardUpdates()
      throws Exception {
    push(event("e1", "RO-1", Stage.CHECKED_IN, 0).customer(DANA).build());
    assertThat(harness.extractOutputValues()).as("the first news goes out at once").hasSize(1);

    push(event("e2", "RO-1", Stage.DIAGNOSING, 2).build());
    push(event("e3", "RO-1", Stage.AWAITING_APPROVAL, 4).build());
    push(event("e4", "RO-1", Stage.IN_REPAIR, 6).build());
    assertThat(boardUpdates()).as("the board is never held").hasSize(4);
    assertThat(harness.extractOutputValues()).as("held").hasSize(1);

    watermark(10); // the window opened by the first news ends

    assertThat(boardUpdates()).hasSize(4);
    assertThat(harness.extractOutputValues())
        .extracting(Intent::kind, Intent::stage, Intent::previousStage, Intent::stagesPassed)
        .containsExactly(
            tuple(IntentKind.STAGE_CHANGED, Stage.CHECKED_IN, null, List.of()),
            tuple(
                IntentKind.STAGE_CHANGED,
                Stage.IN_REPAIR,
                Stage.CHECKED_IN,
                List.of(Stage.DIAGNOSING, Stage.AWAITING_APPROVAL)));
    assertThat(harness.extractOutputValues().get(1).intentId())
        .isEqualTo(Intent.idFor("acme-motors", "RO-1", IntentKind.STAGE_CHANGED, versionAt(6)));
  }

  @Test
  void customerDetailsOnAHeldStageChangeGoOnAtOnceAndAreNotKept() throws Exception {
    push(event("e1", "RO-1", Stage.CHECKED_IN, 0).build());
    push(event("e2", "RO-1", Stage.DIAGNOSING, 3).customer(DANA).build());

    assertThat(harness.extractOutputValues())
        .extracting(Intent::kind, Intent::customer)
        .containsExactly(
            tuple(IntentKind.STAGE_CHANGED, null), tuple(IntentKind.CONTACT_CHANGED, DANA));
    watermark(10);
    assertThat(harness.extractOutputValues().get(2).customer()).isNull();
  }

  @Test
  void aRulesRecordReceivedMidStreamChangesTheSlaAnOpenJobsPendingTimerUses() throws Exception {
    push(event("e1", "RO-1", Stage.WAITING_FOR_PARTS, 0).build());
    long timerBefore = harness.numEventTimeTimers();
    watermark(5);

    // Parts now take an hour at this dealer: overrun after 90 min, not 36 h; silence after 24 h.
    harness.processBroadcastElement(
        Shared.of(
            rules(
                """
            {"tenantId": "acme-motors", "revision": 1, "silenceLimit": "PT24H",
             "journeys": {"vehicle-service": {"stages": [
               {"stage": "WAITING_FOR_PARTS", "sla": "PT1H"}]}}}""")),
        0);

    BoardUpdate atOnce = lastBoardUpdate();
    assertThat(atOnce.etaAt()).as("1 h + 3 h + 30 min").isEqualTo(at(270));
    assertThat(atOnce.version()).isGreaterThan(versionAt(0));
    assertThat(harness.numEventTimeTimers()).isEqualTo(timerBefore);

    for (long minute = 10; minute < 90; minute += 10) {
      watermark(minute);
    }
    assertThat(intentsOf(IntentKind.STAGE_OVERRUN)).isEmpty();
    watermark(100);
    assertThat(intentsOf(IntentKind.STAGE_OVERRUN))
        .singleElement()
        .satisfies(
            overrun -> {
              // Found by the re-check after the shrink, at most 10 min late.
              assertThat(overrun.occurredAt()).isBetween(at(90), at(100));
              assertThat(overrun.reason().minutes()).isBetween(30, 40);
            });
    assertThat(intentsOf(IntentKind.SILENCE)).isEmpty();
  }

  @Test
  void anSlaThatGrewReArmsThePendingTimer() throws Exception {
    push(event("e1", "RO-1", Stage.DIAGNOSING, 0).build());
    harness.processBroadcastElement(
        Shared.of(
            rules(
                """
            {"tenantId": "acme-motors", "revision": 3,
             "journeys": {"vehicle-service": {"stages": [
               {"stage": "DIAGNOSING", "sla": "PT3H"}]}}}""")),
        0);

    watermark(91); // the default 60 min x 1.5 would have overrun here
    assertThat(intentsOf(IntentKind.STAGE_OVERRUN)).isEmpty();
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);

    watermark(270);
    assertThat(intentsOf(IntentKind.STAGE_OVERRUN)).hasSize(1);
  }

  @Test
  void aRulesRecordThatIsNotNewerIsIgnored() throws Exception {
    harness.processBroadcastElement(
        Shared.of(
            rules(
                """
            {"tenantId": "acme-motors", "revision": 5,
             "journeys": {"vehicle-service": {"stages": [
               {"stage": "DIAGNOSING", "sla": "PT3H"}]}}}""")),
        0);
    harness.processBroadcastElement(
        Shared.of(
            rules(
                """
            {"tenantId": "acme-motors", "revision": 5,
             "journeys": {"vehicle-service": {"stages": [
               {"stage": "DIAGNOSING", "sla": "PT5M"}]}}}""")),
        0);
    push(event("e1", "RO-1", Stage.DIAGNOSING, 0).build());

    watermark(60);

    assertThat(intentsOf(IntentKind.STAGE_OVERRUN)).isEmpty();
    assertThat(
            harness
                .getBroadcastState(JobProgressFunction.RULES)
                .get("acme-motors")
                .sla(Stage.DIAGNOSING.journey(), Stage.DIAGNOSING))
        .contains(Duration.ofHours(3));
  }

  @Test
  void rulesAndPendingAlertsSurviveARestoreFromACheckpoint() throws Exception {
    harness.processBroadcastElement(
        Shared.of(
            rules(
                """
            {"tenantId": "acme-motors", "revision": 2,
             "journeys": {"vehicle-service": {"stages": [
               {"stage": "DIAGNOSING", "sla": "PT20M"}]}}}""")),
        0);
    push(event("e1", "RO-1", Stage.DIAGNOSING, 0).build());
    OperatorSubtaskState checkpoint = harness.snapshot(1L, 1L);
    harness.close();

    harness =
        new KeyedBroadcastOperatorTestHarness<>(
            new CoBroadcastWithKeyedOperator<>(
                new JobProgressFunction(GRACE, INACTIVITY, 64, RECHECK),
                List.of(JobProgressFunction.RULES, JobProgressFunction.LEARNED)),
            OpsEvent::key,
            Types.STRING,
            1,
            1,
            0);
    harness.initializeState(checkpoint);
    harness.open();
    harness.processBroadcastWatermark(Long.MAX_VALUE);
    watermark(31); // 20 min x 1.5, under the restored rules

    assertThat(intentsOf(IntentKind.STAGE_OVERRUN))
        .singleElement()
        .satisfies(overrun -> assertThat(overrun.occurredAt()).isEqualTo(at(30)));
  }

  /** Repairs take an hour, overrun only after ten, and nobody is silent within a day. */
  private static final String SLOW_TO_OVERRUN =
      """
      {"tenantId": "acme-motors", "revision": 1, "overrunFactor": 10, "silenceLimit": "PT24H",
       "journeys": {"vehicle-service": {"stages": [{"stage": "IN_REPAIR", "sla": "PT1H"}]}}}""";

  @Test
  void aStagePastItsExpectedDurationMovesTheBoardEtaOncePerThresholdOfDriftAtMost()
      throws Exception {
    harness.processBroadcastElement(Shared.of(rules(SLOW_TO_OVERRUN)), 0);
    push(event("e1", "RO-1", Stage.IN_REPAIR, 0).build());
    assertThat(lastBoardUpdate().etaAt()).as("1 h + 30 min of quality check").isEqualTo(at(90));

    // Nine hours past the expected hour, watched every 10 minutes (the re-check), no news.
    int before = boardUpdates().size();
    int intents = harness.extractOutputValues().size();
    for (long minute = 60; minute <= 600 - 10; minute += 5) {
      watermark(minute);
      // Where the ETA is now (the clock + the quality check), the board is never further off
      // than the threshold (15 min) plus one re-check.
      assertThat(lastBoardUpdate().etaAt())
          .isAfterOrEqualTo(at(minute + 30).minus(Duration.ofMinutes(15 + 10)));
    }
    int byTime = boardUpdates().size() - before;

    assertThat(byTime).as("at most one per 15 min of drift over 9 h").isLessThanOrEqualTo(9 * 4);
    // Every 20 min from minute 80 (a 10 min move is within the threshold), and once at minute 40,
    // when the quality check's 30 min came to weigh more than what is left of the repair (a new
    // reason is shown at once). Before the board followed within the threshold, every re-check
    // moved it (every 10 min).
    assertThat(byTime).isEqualTo(26 + 1);
    assertThat(harness.extractOutputValues()).as("the customer is not told").hasSize(intents);
  }

  @Test
  void withTheDefaultRecheckAStagePastItsExpectedDurationMovesTheBoardAboutOnceAnHour()
      throws Exception {
    harness.close();
    harness =
        ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
            new JobProgressFunction(GRACE, INACTIVITY, 64),
            OpsEvent::key,
            Types.STRING,
            JobProgressFunction.RULES,
            JobProgressFunction.LEARNED);
    harness.processBroadcastWatermark(Long.MAX_VALUE);
    harness.processBroadcastElement(Shared.of(rules(SLOW_TO_OVERRUN)), 0);
    push(event("e1", "RO-1", Stage.IN_REPAIR, 0).build());

    int before = boardUpdates().size();
    for (long minute = 60; minute <= 600 - 10; minute += 5) {
      watermark(minute);
    }

    assertThat(boardUpdates().size() - before)
        .as("one per hour of drift, the job's one wake-up an hour")
        .isBetween(8, 9);
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    watermark(600); // the overrun itself is on time, whatever the re-check
    assertThat(intentsOf(IntentKind.STAGE_OVERRUN))
        .singleElement()
        .satisfies(overrun -> assertThat(overrun.occurredAt()).isEqualTo(at(600)));
    assertThat(lastBoardUpdate().alerts())
        .extracting(Alert::kind, Alert::since)
        .containsExactly(tuple(AlertKind.STAGE_OVERRUN, at(600)));
  }

  @Test
  void aFailedDeliveryForgetsTheRoundsEtaAndExpectsTheNextRound() throws Exception {
    push(event("p1", "PCL-1", Stage.OUT_FOR_DELIVERY, 0).etaAt(at(180)).customer(DANA).build());
    assertThat(lastBoardUpdate().etaAt()).isEqualTo(at(180));

    push(event("p2", "PCL-1", Stage.DELIVERY_FAILED, 60).build());

    // Not the failed round's 180: the wait for the next attempt (24 h) and its round (4 h).
    assertThat(lastBoardUpdate().etaAt()).isEqualTo(at(60 + 28 * 60));
    assertThat(progressOf("swift-parcels/PCL-1").etaAt()).isNull();
  }

  @Test
  void anEtaChangeInAStageThatDoesNotNotifyNamesTheStageTheCustomerWasTold() throws Exception {
    harness.processBroadcastElement(
        Shared.of(
            rules(
                """
            {"tenantId": "acme-motors", "revision": 1,
             "journeys": {"vehicle-service": {"stages": [
               {"stage": "WAITING_FOR_PARTS", "notifyCustomer": false}]}}}""")),
        0);
    push(event("e1", "RO-1", Stage.CHECKED_IN, 0).customer(DANA).build());
    // Parts: no news for this customer; the workshop says it will take two days.
    push(event("e2", "RO-1", Stage.WAITING_FOR_PARTS, 20).etaAt(at(48 * 60)).build());

    assertThat(intentsOf(IntentKind.STAGE_CHANGED))
        .extracting(Intent::stage)
        .containsExactly(Stage.CHECKED_IN);
    assertThat(intentsOf(IntentKind.ETA_CHANGED))
        .singleElement()
        .satisfies(
            changed -> {
              assertThat(changed.stage()).isEqualTo(Stage.CHECKED_IN);
              assertThat(changed.etaAt()).isEqualTo(at(48 * 60));
            });
    assertThat(lastBoardUpdate().stage()).as("the board has it").isEqualTo(Stage.WAITING_FOR_PARTS);
  }

  @Test
  void silenceFiresInABusinessWaitingStageAndNotInReadyForPickup() throws Exception {
    push(event("a1", "RO-1", Stage.IN_REPAIR, 0).build());
    push(event("b1", "RO-2", Stage.READY_FOR_PICKUP, 0).build());

    for (long minute = 0; minute <= 10 * 60; minute += 15) {
      watermark(minute);
    }

    assertThat(intentsOf(IntentKind.SILENCE))
        .singleElement()
        .satisfies(
            silence -> {
              assertThat(silence.jobId()).isEqualTo("RO-1");
              assertThat(silence.occurredAt()).isEqualTo(at(120));
              assertThat(silence.reason().code()).isEqualTo(ReasonCode.SILENCE);
              assertThat(silence.reason().minutes()).isEqualTo(120);
            });

    // News ends the silence and clears its alert; the next silence is a second occurrence.
    push(event("a2", "RO-1", Stage.IN_REPAIR, 610).note("Waiting on a torque wrench").build());
    assertThat(lastBoardUpdate().alerts())
        .extracting(Alert::kind)
        .doesNotContain(AlertKind.SILENCE);
    watermark(610 + 120);
    assertThat(intentsOf(IntentKind.SILENCE)).extracting(Intent::occurrence).containsExactly(1, 2);
  }

  @Test
  void afterAJobClosesItsKeyedStateAndTimersCountZero() throws Exception {
    push(event("e1", "RO-1", Stage.CHECKED_IN, 0).customer(DANA).promisedAt(at(600)).build());
    push(event("e2", "RO-1", Stage.DIAGNOSING, 5).build()); // held by the digest
    watermark(200); // overrun and silence raised
    push(event("e3", "RO-1", Stage.READY_FOR_PICKUP, 300).build());
    push(event("e4", "RO-1", Stage.COLLECTED, 320).build());
    assertThat(HarnessState.keyedEntries(harness)).isPositive();
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);

    harness.processWatermark(at(320).plus(GRACE).toEpochMilli());

    assertThat(HarnessState.keyedEntries(harness)).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.numProcessingTimeTimers()).isZero();
  }

  @Test
  void theEndOfABoundedInputTellsHeldNewsRaisesNothingAndLeavesNoState() throws Exception {
    push(event("e1", "RO-1", Stage.CHECKED_IN, 0).customer(DANA).build());
    push(event("e2", "RO-1", Stage.WAITING_FOR_PARTS, 5).build());

    harness.processWatermark(Long.MAX_VALUE);

    assertThat(harness.extractOutputValues())
        .extracting(Intent::kind, Intent::stage)
        .containsExactly(
            tuple(IntentKind.STAGE_CHANGED, Stage.CHECKED_IN),
            tuple(IntentKind.STAGE_CHANGED, Stage.WAITING_FOR_PARTS));
    assertThat(HarnessState.keyedEntries(harness)).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  private void push(OpsEvent event) throws Exception {
    harness.processElement(event, event.occurredAt().toEpochMilli());
  }

  private void watermark(long minute) throws Exception {
    harness.processWatermark(at(minute).toEpochMilli());
  }

  private List<Intent> intentsOf(IntentKind kind) {
    return harness.extractOutputValues().stream().filter(i -> i.kind() == kind).toList();
  }

  private List<BoardUpdate> boardUpdates() {
    return harness.getSideOutput(JobProgressFunction.BOARD_UPDATES).stream()
        .map(StreamRecord::getValue)
        .toList();
  }

  private BoardUpdate lastBoardUpdate() {
    List<BoardUpdate> all = boardUpdates();
    return all.get(all.size() - 1);
  }

  private JobProgress progressOf(String key) throws Exception {
    return HarnessState.value(harness, key, "progress", JobProgress.class);
  }

  private JobOutlook outlookOf(String key) throws Exception {
    return HarnessState.value(harness, key, "outlook", JobOutlook.class);
  }

  static Rules rules(String json) {
    try {
      return WireCodec.RULES.decode(json.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
