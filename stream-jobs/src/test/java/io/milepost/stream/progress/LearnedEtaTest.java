package io.milepost.stream.progress;

import static io.milepost.stream.TestEvents.DANA;
import static io.milepost.stream.TestEvents.at;
import static io.milepost.stream.TestEvents.event;
import static io.milepost.stream.progress.PromiseAgainstDefaultsTest.stats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.milepost.schemas.BoardUpdate;
import io.milepost.schemas.Intent;
import io.milepost.schemas.IntentKind;
import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.ReasonCode;
import io.milepost.schemas.Stage;
import io.milepost.stream.eta.StageStats;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What was learned reaches the job operator by broadcast, beside the rules, and a stage whose rules
 * do not notify the customer is no customer news. Operator harness, event time by the test.
 */
class LearnedEtaTest {
  private static final Duration GRACE = Duration.ofHours(1);

  private KeyedBroadcastOperatorTestHarness<String, OpsEvent, Shared, Intent> harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
            new JobProgressFunction(GRACE, Duration.ofDays(30), 64, Duration.ofMinutes(10)),
            OpsEvent::key,
            Types.STRING,
            JobProgressFunction.RULES,
            JobProgressFunction.LEARNED);
    harness.processBroadcastWatermark(Long.MAX_VALUE);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void statsReachingTheJobOperatorChangeAnOpenJobsEtaAndReasonAtItsNextLook() throws Exception {
    push(event("e1", "RO-1", Stage.IN_REPAIR, 0).build());
    push(event("p1", "PCL-1", Stage.IN_TRANSIT, 0).build());
    assertThat(boardUpdates()).hasSize(2);
    assertThat(boardUpdates().get(0).etaAt()).as("3 h + 30 min of SLA").isEqualTo(at(210));
    int intents = harness.extractOutputValues().size();

    learn(stats(Stage.IN_REPAIR, 90, 1.0));
    assertThat(boardUpdates()).as("not at once: at the job's next event or timer").hasSize(2);
    harness.processWatermark(at(10).toEpochMilli()); // the re-check of a watched job

    assertThat(boardUpdates()).as("the car only: the parcel is another journey").hasSize(3);
    BoardUpdate learned = lastBoardUpdate();
    assertThat(learned.jobId()).isEqualTo("RO-1");
    assertThat(learned.etaAt()).as("90 min learned + 30 min of SLA").isEqualTo(at(120));
    assertThat(learned.etaReason().code()).isEqualTo(ReasonCode.TYPICAL_DURATION);
    assertThat(learned.etaReason().stage()).isEqualTo(Stage.IN_REPAIR);
    assertThat(learned.etaReason().minutes()).isEqualTo(90);
    assertThat(learned.etaReason().samples()).isEqualTo(200);
    assertThat(harness.extractOutputValues()).as("no customer news by itself").hasSize(intents);

    learn(
        StageStats.forget(
            "acme-motors", "springfield", Stage.IN_REPAIR.journey(), Stage.IN_REPAIR));
    push(event("e2", "RO-1", Stage.IN_REPAIR, 15).note("Rotating tyres too").build());

    assertThat(lastBoardUpdate().etaAt()).as("forgotten: the SLA again").isEqualTo(at(210));
    assertThat(lastBoardUpdate().etaReason().code()).isEqualTo(ReasonCode.SLA_DURATION);
    assertThat(harness.getBroadcastState(JobProgressFunction.LEARNED).entries()).isEmpty();
  }

  @Test
  void withLearnedLongFrequentPartsWaitsASameDayPromiseIsAtRiskFromCheckIn() throws Exception {
    learn(stats(Stage.WAITING_FOR_PARTS, 20 * 60, 0.8));

    push(event("e1", "RO-1", Stage.CHECKED_IN, 0).promisedAt(at(8 * 60)).customer(DANA).build());

    assertThat(harness.extractOutputValues())
        .extracting(Intent::kind)
        .containsExactly(IntentKind.STAGE_CHANGED, IntentKind.DELAY_RISK);
    assertThat(harness.extractOutputValues().get(1).reason().code())
        .isEqualTo(ReasonCode.PROMISE_AT_RISK);
  }

  @Test
  void withNoSamplesASameDayPromiseAtCheckInRaisesNothing() throws Exception {
    push(event("e1", "RO-1", Stage.CHECKED_IN, 0).promisedAt(at(8 * 60)).customer(DANA).build());
    push(event("e2", "RO-1", Stage.DIAGNOSING, 20).build());
    harness.processWatermark(at(21).toEpochMilli());

    assertThat(harness.extractOutputValues())
        .extracting(Intent::kind)
        .containsOnly(IntentKind.STAGE_CHANGED);
    assertThat(lastBoardUpdate().alerts()).isEmpty();
  }

  @Test
  void aStageWhoseRulesDoNotNotifyGivesNoCustomerIntentAndIsNoDigestNews() throws Exception {
    harness.processBroadcastElement(
        Shared.of(
            SpeakingUpTest.rules(
                """
                {"tenantId": "acme-motors", "revision": 1,
                 "journeys": {"vehicle-service": {"stages": [
                   {"stage": "DIAGNOSING", "notifyCustomer": false}]}}}""")),
        0);
    push(event("e1", "RO-1", Stage.CHECKED_IN, 0).customer(DANA).build());
    push(event("e2", "RO-1", Stage.DIAGNOSING, 3).build());
    harness.processWatermark(at(15).toEpochMilli()); // the digest window of the check-in ends

    assertThat(boardUpdates()).as("the board gets every stage").hasSize(2);
    assertThat(harness.extractOutputValues())
        .extracting(Intent::kind, Intent::stage)
        .containsExactly(tuple(IntentKind.STAGE_CHANGED, Stage.CHECKED_IN));

    push(event("e3", "RO-1", Stage.IN_REPAIR, 30).build());

    assertThat(harness.extractOutputValues())
        .extracting(Intent::kind, Intent::stage, Intent::previousStage, Intent::stagesPassed)
        .containsExactly(
            tuple(IntentKind.STAGE_CHANGED, Stage.CHECKED_IN, null, List.of()),
            tuple(IntentKind.STAGE_CHANGED, Stage.IN_REPAIR, Stage.CHECKED_IN, List.of()));
  }

  @Test
  void heldNewsFollowedByAStageThatDoesNotNotifyIsToldAsTheLatestStageThatDoes() throws Exception {
    harness.processBroadcastElement(
        Shared.of(
            SpeakingUpTest.rules(
                """
                {"tenantId": "acme-motors", "revision": 1,
                 "journeys": {"vehicle-service": {"stages": [
                   {"stage": "AWAITING_APPROVAL", "notifyCustomer": false}]}}}""")),
        0);
    push(event("e1", "RO-1", Stage.CHECKED_IN, 0).customer(DANA).build());
    push(event("e2", "RO-1", Stage.DIAGNOSING, 2).build()); // held by the digest
    push(event("e3", "RO-1", Stage.AWAITING_APPROVAL, 4).build()); // no news

    harness.processWatermark(at(10).toEpochMilli());

    assertThat(harness.extractOutputValues())
        .extracting(Intent::kind, Intent::stage, Intent::previousStage, Intent::stagesPassed)
        .containsExactly(
            tuple(IntentKind.STAGE_CHANGED, Stage.CHECKED_IN, null, List.of()),
            tuple(IntentKind.STAGE_CHANGED, Stage.DIAGNOSING, Stage.CHECKED_IN, List.of()));
  }

  @Test
  void customerDetailsOnAStageThatDoesNotNotifyStillReachTheNotifier() throws Exception {
    harness.processBroadcastElement(
        Shared.of(
            SpeakingUpTest.rules(
                """
                {"tenantId": "acme-motors", "revision": 1,
                 "journeys": {"vehicle-service": {"stages": [
                   {"stage": "CHECKED_IN", "notifyCustomer": false}]}}}""")),
        0);

    push(event("e1", "RO-1", Stage.CHECKED_IN, 0).customer(DANA).build());

    assertThat(harness.extractOutputValues())
        .extracting(Intent::kind, Intent::customer)
        .containsExactly(tuple(IntentKind.CONTACT_CHANGED, DANA));
  }

  @Test
  void afterAJobClosesItsKeyedStateAndTimersCountZeroWithLearnedStatsHeld() throws Exception {
    learn(stats(Stage.WAITING_FOR_PARTS, 20 * 60, 0.8));
    push(event("e1", "RO-1", Stage.CHECKED_IN, 0).promisedAt(at(8 * 60)).customer(DANA).build());
    push(event("e2", "RO-1", Stage.READY_FOR_PICKUP, 300).build());
    push(event("e3", "RO-1", Stage.COLLECTED, 320).build());

    harness.processWatermark(at(320).plus(GRACE).toEpochMilli());

    assertThat(HarnessState.keyedEntries(harness)).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.getBroadcastState(JobProgressFunction.LEARNED).entries()).hasSize(1);
  }

  private void learn(StageStats stats) throws Exception {
    harness.processBroadcastElement(Shared.of(stats), 0);
  }

  private void push(OpsEvent event) throws Exception {
    harness.processElement(event, event.occurredAt().toEpochMilli());
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
}
