package io.milepost.notifier;

import static io.milepost.notifier.Fixtures.ACME;
import static io.milepost.notifier.Fixtures.MORNING;
import static io.milepost.notifier.Fixtures.PROMISE;
import static io.milepost.notifier.Fixtures.SPRINGFIELD;
import static io.milepost.notifier.Fixtures.stageChanged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.milepost.schemas.Intent;
import io.milepost.schemas.IntentKind;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Reason;
import io.milepost.schemas.ReasonCode;
import io.milepost.schemas.Stage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine's newer kinds (ETA_CHANGED, DELAY_RISK, STAGE_OVERRUN, SILENCE) are recorded as
 * processed, so a redelivery stays a duplicate, and tell the customer nothing until the notifier
 * has their words; the stage news around them is told as before.
 */
class IntentKindsNotToldYetIntegrationTests extends NotifierIntegrationTest {

  @Test
  void theNewKindsAreRecordedAndSendNothingWhileStageNewsStillGoesOut() {
    String jobId = newJobId("RO");
    String phone = newPhone();
    List<Intent> newKinds =
        List.of(
            recurring(
                jobId,
                IntentKind.ETA_CHANGED,
                new Reason(ReasonCode.SLA_DURATION, Stage.CHECKED_IN, 15, null)),
            recurring(
                jobId,
                IntentKind.DELAY_RISK,
                new Reason(ReasonCode.PROMISE_AT_RISK, null, 90, null)),
            recurring(
                jobId,
                IntentKind.STAGE_OVERRUN,
                new Reason(ReasonCode.STAGE_OVERRUN, Stage.CHECKED_IN, 30, null)),
            recurring(
                jobId,
                IntentKind.SILENCE,
                new Reason(ReasonCode.SILENCE, Stage.CHECKED_IN, 120, null)));

    publish(stageChanged(jobId, Stage.CHECKED_IN, 1, phone, null));
    newKinds.forEach(NotifierIntegrationTest::publish);
    // Same job, same partition: once this one is told, every intent before it was processed.
    publish(stageChanged(jobId, Stage.DIAGNOSING, 2, null, null));

    await()
        .atMost(Duration.ofSeconds(45))
        .until(() -> IntentToSmsIntegrationTests.smsTo(phone).size() >= 2);
    assertThat(IntentToSmsIntegrationTests.smsTo(phone))
        .extracting(request -> request.formParameters().get("Body").firstValue())
        .satisfiesExactly(
            checkedIn -> assertThat(checkedIn).contains("checked in"),
            diagnosing -> assertThat(diagnosing).contains("diagnosing"));
    for (Intent intent : newKinds) {
      assertThat(rows("SELECT kind FROM processed_intents WHERE intent_id = ?", intent.intentId()))
          .as("%s recorded", intent.kind())
          .hasSize(1);
      assertThat(rows("SELECT id FROM notifications WHERE intent_id = ?", intent.intentId()))
          .as("%s told", intent.kind())
          .isEmpty();
    }
  }

  private static Intent recurring(String jobId, IntentKind kind, Reason reason) {
    return new Intent(
        Intent.idForOccurrence(ACME, jobId, kind, 1, 1),
        kind,
        ACME,
        SPRINGFIELD,
        jobId,
        Journey.VEHICLE_SERVICE,
        Stage.CHECKED_IN,
        null,
        1,
        null,
        1,
        MORNING.plusSeconds(900),
        MORNING.plusSeconds(7200),
        PROMISE,
        null,
        null,
        null,
        reason,
        null);
  }
}
