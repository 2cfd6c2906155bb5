package io.milepost.stream.progress;

import static io.milepost.stream.TestEvents.DANA;
import static io.milepost.stream.TestEvents.at;
import static io.milepost.stream.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.schemas.Intent;
import io.milepost.schemas.IntentKind;
import io.milepost.schemas.Journey;
import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.ReasonCode;
import io.milepost.schemas.Rules;
import io.milepost.schemas.Stage;
import io.milepost.stream.eta.StageStats;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A promise is not contradicted by defaults alone: the default SLAs count waiting for parts' 24 h
 * for every car. Plain values, no Flink: {@link Outlook} with what was learned at the location.
 */
class PromiseAgainstDefaultsTest {
  private static final Rules DEFAULTS = Rules.defaults("acme-motors");
  private static final Instant SAME_DAY = at(8 * 60);

  @Test
  void aSameDayPromiseAtCheckInRaisesNothingWithNoSamples() {
    OpsEvent checkIn = checkIn();
    JobProgress job = JobProgress.begin(checkIn);
    JobOutlook outlook = new JobOutlook();

    List<Intent> intents = Outlook.afterEvent(job, true, null, checkIn, outlook, DEFAULTS, at(0));

    assertThat(intents).extracting(Intent::kind).containsExactly(IntentKind.STAGE_CHANGED);
    assertThat(outlook.etaAt).as("the naive ETA is still shown").isAfter(SAME_DAY);
    assertThat(outlook.etaReason.code()).isEqualTo(ReasonCode.SLA_DURATION);
    assertThat(outlook.alerts(job.stage())).isEmpty();
  }

  @Test
  void aSameDayPromiseAtCheckInIsAtRiskWhereWaitsForPartsAreLongAndFrequent() {
    OpsEvent checkIn = checkIn();
    JobProgress job = JobProgress.begin(checkIn);
    JobOutlook outlook = new JobOutlook();
    Map<Stage, StageStats> learned = new EnumMap<>(Stage.class);
    learned.put(Stage.WAITING_FOR_PARTS, stats(Stage.WAITING_FOR_PARTS, 20 * 60, 0.8));

    List<Intent> intents =
        Outlook.afterEvent(job, true, null, checkIn, outlook, DEFAULTS, learned::get, at(0));

    assertThat(intents)
        .extracting(Intent::kind)
        .containsExactly(IntentKind.STAGE_CHANGED, IntentKind.DELAY_RISK);
    assertThat(outlook.etaReason.code()).isEqualTo(ReasonCode.TYPICAL_DURATION);
    assertThat(outlook.etaReason.stage()).isEqualTo(Stage.WAITING_FOR_PARTS);
    assertThat(outlook.etaReason.minutes()).isEqualTo(20 * 60);
    assertThat(outlook.etaReason.samples()).isEqualTo(160);
  }

  @Test
  void rareWaitsForPartsCountByTheirShareAndKeepTheSameDayPromise() {
    OpsEvent checkIn = checkIn();
    JobProgress job = JobProgress.begin(checkIn);
    JobOutlook outlook = new JobOutlook();
    Map<Stage, StageStats> learned = new EnumMap<>(Stage.class);
    learned.put(Stage.CHECKED_IN, stats(Stage.CHECKED_IN, 10, 1));
    learned.put(Stage.DIAGNOSING, stats(Stage.DIAGNOSING, 40, 1));
    learned.put(Stage.AWAITING_APPROVAL, stats(Stage.AWAITING_APPROVAL, 30, 0.5));
    learned.put(Stage.WAITING_FOR_PARTS, stats(Stage.WAITING_FOR_PARTS, 20 * 60, 0.05));
    learned.put(Stage.IN_REPAIR, stats(Stage.IN_REPAIR, 120, 1));
    learned.put(Stage.QUALITY_CHECK, stats(Stage.QUALITY_CHECK, 20, 0.9));

    List<Intent> intents =
        Outlook.afterEvent(job, true, null, checkIn, outlook, DEFAULTS, learned::get, at(0));

    assertThat(intents).extracting(Intent::kind).containsExactly(IntentKind.STAGE_CHANGED);
    // 10 + 40 + 0.5 x 30 + 0.05 x 1200 + 120 + 0.9 x 20 minutes.
    assertThat(outlook.etaAt).isEqualTo(at(10 + 40 + 15 + 60 + 120 + 18));
    assertThat(outlook.etaReason.code()).isEqualTo(ReasonCode.TYPICAL_DURATION);
    assertThat(outlook.etaReason.stage()).isEqualTo(Stage.IN_REPAIR);
  }

  @Test
  void anOverrunningStageStillRaisesDelayRiskUnderDefaults() {
    OpsEvent diagnosing =
        event("e1", "RO-1", Stage.DIAGNOSING, 0).promisedAt(at(6 * 60)).customer(DANA).build();
    JobProgress job = JobProgress.begin(diagnosing);
    JobOutlook outlook = new JobOutlook();
    assertThat(Outlook.afterEvent(job, true, null, diagnosing, outlook, DEFAULTS, at(0)))
        .extracting(Intent::kind)
        .containsExactly(IntentKind.STAGE_CHANGED);
    assertThat(Outlook.onTime(job, outlook, DEFAULTS, at(89), false).intents()).isEmpty();

    Outlook.Step overrun = Outlook.onTime(job, outlook, DEFAULTS, at(90), false);

    // 60 min x 1.5: the stage overruns, a fact about this car; the defaults then count.
    assertThat(overrun.intents())
        .extracting(Intent::kind)
        .containsExactly(IntentKind.STAGE_OVERRUN, IntentKind.DELAY_RISK);
  }

  @Test
  void aProducersEtaPastThePromiseStillRaisesDelayRiskUnderDefaults() {
    OpsEvent late =
        event("e1", "RO-1", Stage.CHECKED_IN, 0)
            .promisedAt(SAME_DAY)
            .etaAt(at(10 * 60))
            .customer(DANA)
            .build();
    JobOutlook outlook = new JobOutlook();

    assertThat(
            Outlook.afterEvent(JobProgress.begin(late), true, null, late, outlook, DEFAULTS, at(0)))
        .extracting(Intent::kind)
        .containsExactly(IntentKind.STAGE_CHANGED, IntentKind.DELAY_RISK);
  }

  @Test
  void theJobIsNotWokenForARiskOnlyTheDefaultsSeeButForItsOverrun() {
    OpsEvent checkIn = checkIn();
    JobProgress job = JobProgress.begin(checkIn);
    JobOutlook outlook = new JobOutlook();
    Outlook.afterEvent(job, true, null, checkIn, outlook, DEFAULTS, at(0));

    long next =
        Outlook.wakeAt(job, outlook, DEFAULTS, at(0), at(60 * 24 * 30).toEpochMilli(), RECHECK);

    assertThat(next)
        .as("15 min x 1.5, not at once")
        .isEqualTo(at(22).plusSeconds(30).toEpochMilli());
  }

  private static final Duration RECHECK = Duration.ofMinutes(30);

  private static OpsEvent checkIn() {
    return event("e1", "RO-1", Stage.CHECKED_IN, 0).promisedAt(SAME_DAY).customer(DANA).build();
  }

  static StageStats stats(Stage stage, long typicalMinutes, double share) {
    int passages = 200;
    int samples = (int) Math.round(share * passages);
    return new StageStats(
        "acme-motors",
        "springfield",
        Journey.VEHICLE_SERVICE,
        stage,
        Duration.ofMinutes(typicalMinutes).toMillis(),
        share,
        samples,
        passages);
  }
}
