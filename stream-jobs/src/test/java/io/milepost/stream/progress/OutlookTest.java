package io.milepost.stream.progress;

import static io.milepost.stream.TestEvents.at;
import static io.milepost.stream.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.schemas.Rules;
import io.milepost.schemas.Stage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When a job is looked at next: plain values, no Flink. */
class OutlookTest {
  private static final Rules DEFAULTS = Rules.defaults("acme-motors");
  private static final Duration RECHECK = Duration.ofMinutes(10);
  private static final long FAR = at(60 * 24 * 30).toEpochMilli();

  @Test
  void whileAnAlertMayComeTheJobIsLookedAtWithinTheRecheckInterval() {
    JobProgress parts = JobProgress.begin(event("e1", "RO-1", Stage.WAITING_FOR_PARTS, 0).build());

    long next = Outlook.wakeAt(parts, new JobOutlook(), DEFAULTS, at(0), FAR, RECHECK);

    assertThat(next).isEqualTo(at(10).toEpochMilli());
  }

  @Test
  void theEarliestDeadlineWinsWhenItIsNearerThanTheRecheck() {
    JobProgress checkedIn = JobProgress.begin(event("e1", "RO-1", Stage.CHECKED_IN, 0).build());
    JobOutlook outlook = new JobOutlook();

    long next = Outlook.wakeAt(checkedIn, outlook, DEFAULTS, at(20), FAR, RECHECK);

    assertThat(next).as("15 min x 1.5").isEqualTo(at(22).plusSeconds(30).toEpochMilli());
  }

  @Test
  void withNothingToWatchOnlyTheCleanupRemains() {
    JobProgress pickup = JobProgress.begin(event("e1", "RO-1", Stage.READY_FOR_PICKUP, 0).build());
    JobOutlook outlook = new JobOutlook();
    outlook.overrunSince = at(36 * 60); // raised already; pickup is not watched for silence

    assertThat(Outlook.wakeAt(pickup, outlook, DEFAULTS, at(37 * 60), FAR, RECHECK)).isEqualTo(FAR);
  }

  @Test
  void theBoardEtaMovesByTimeAloneOnlyPastTheThreshold() {
    Duration threshold = Duration.ofMinutes(15);

    assertThat(Outlook.boardEtaStale(at(100), at(115), threshold)).isFalse();
    assertThat(Outlook.boardEtaStale(at(100), at(116), threshold)).isTrue();
    assertThat(Outlook.boardEtaStale(at(100), at(84), threshold)).as("earlier too").isTrue();
    assertThat(Outlook.boardEtaStale(null, at(100), threshold)).isTrue();
    assertThat(Outlook.boardEtaStale(at(100), null, threshold)).isTrue();
    assertThat(Outlook.boardEtaStale(null, null, threshold)).isFalse();
  }

  @Test
  void anIntentNamesOnlyAStageTheCustomerMayHearOf() {
    Rules quietParts =
        SpeakingUpTest.rules(
            """
            {"tenantId": "acme-motors", "revision": 1,
             "journeys": {"vehicle-service": {"stages": [
               {"stage": "WAITING_FOR_PARTS", "notifyCustomer": false}]}}}""");
    JobProgress parts = JobProgress.begin(event("e1", "RO-1", Stage.WAITING_FOR_PARTS, 0).build());
    JobOutlook outlook = new JobOutlook();

    assertThat(Outlook.customerStage(parts, outlook, quietParts)).as("told of none").isNull();
    outlook.toldStage = Stage.DIAGNOSING;
    assertThat(Outlook.customerStage(parts, outlook, quietParts)).isEqualTo(Stage.DIAGNOSING);
    assertThat(Outlook.customerStage(parts, outlook, DEFAULTS))
        .as("a stage that notifies is the customer's news")
        .isEqualTo(Stage.WAITING_FOR_PARTS);
  }

  @Test
  void aDigestWindowHoldingNewsEndsOnTime() {
    JobProgress job = JobProgress.begin(event("e1", "RO-1", Stage.COLLECTED, 3).build());
    JobOutlook outlook = new JobOutlook();
    outlook.toldAt = at(0);
    outlook.held.add(Stage.COLLECTED);

    assertThat(Outlook.wakeAt(job, outlook, DEFAULTS, at(3), FAR, RECHECK))
        .isEqualTo(at(10).toEpochMilli());
  }
}
