package io.milepost.notifier;

import static io.milepost.notifier.Fixtures.ACME;
import static io.milepost.notifier.Fixtures.MORNING;
import static io.milepost.notifier.Fixtures.PROMISE;
import static io.milepost.notifier.Fixtures.SPRINGFIELD;
import static io.milepost.notifier.Fixtures.stageChanged;
import static io.milepost.notifier.IntentToSmsIntegrationTests.smsTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.milepost.schemas.Intent;
import io.milepost.schemas.IntentKind;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Reason;
import io.milepost.schemas.ReasonCode;
import io.milepost.schemas.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine's recurring kinds (ETA_CHANGED, DELAY_RISK, STAGE_OVERRUN, SILENCE) reach the customer
 * in words, each (job instance, kind, occurrence) once whatever its intent id, only to a contact
 * who can receive SMS, and never about an earlier use of the job id. The test customer lives in
 * America/Chicago (Fixtures.customer): 4:00 PM UTC is 10:00 AM there.
 */
class RecurringIntentsToldOnceIntegrationTests extends NotifierIntegrationTest {
  private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(45);
  private static final Reason PARTS =
      new Reason(ReasonCode.TYPICAL_DURATION, Stage.WAITING_FOR_PARTS, 1500, 61);
  // 11:30 AM in Chicago, the day of MORNING.
  private static final Instant LATE = PROMISE.plusSeconds(5400);

  @Test
  void aDelayRiskIsToldOnceWhateverItsIntentIdAndItsNextOccurrenceAgain() {
    String jobId = newJobId("RO");
    String phone = newPhone();
    publish(stageChanged(jobId, Stage.WAITING_FOR_PARTS, 1, phone, null));
    Intent first = recurring(jobId, IntentKind.DELAY_RISK, 1, PARTS, 2);

    publish(first);
    // The same occurrence under another id: an engine that lost its state numbers it anew.
    publish(withId(first, first.intentId() + "-rebuilt"));
    publish(recurring(jobId, IntentKind.DELAY_RISK, 2, PARTS, 3));
    // Same job, same partition: once this is out, every intent before it was recorded.
    publish(stageChanged(jobId, Stage.IN_REPAIR, 4, null, null));

    List<String> bodies = awaitBodies(phone, 4);
    assertThat(bodies)
        .satisfiesExactlyInAnyOrder(
            body -> assertThat(body).contains("waiting for parts", "Track it:"),
            body ->
                assertThat(body)
                    .isEqualTo(
                        "Acme Motors: Hi Dana Whitfield, we expect to be later than promised: now"
                            + " around 11:30 AM"
                            + " instead of 10:00 AM, because waiting for parts usually takes about"
                            + " 25 hours. We are sorry for the wait."),
            body -> assertThat(body).contains("later than promised"),
            body -> assertThat(body).contains("now in repair"));
    assertThat(notificationsOf(first.intentId())).hasSize(1);
    assertThat(notificationsOf(first.intentId() + "-rebuilt")).isEmpty();
    assertThat(
            rows(
                "SELECT subject, intent_id FROM told_news WHERE job_id = ? AND kind = ?"
                    + " ORDER BY subject",
                jobId,
                "DELAY_RISK"))
        .extracting(row -> row.get("subject") + "=" + row.get("intent_id"))
        .containsExactly(
            "1=" + first.intentId(),
            "2=" + Intent.idForOccurrence(ACME, jobId, IntentKind.DELAY_RISK, 1, 2));
  }

  @Test
  void eachRecurringKindIsToldInWordsBetweenTheStageNews() {
    String jobId = newJobId("RO");
    String phone = newPhone();
    publish(stageChanged(jobId, Stage.WAITING_FOR_PARTS, 1, phone, null));
    publish(recurring(jobId, IntentKind.ETA_CHANGED, 1, PARTS, 2));
    publish(
        recurring(
            jobId,
            IntentKind.STAGE_OVERRUN,
            1,
            new Reason(ReasonCode.STAGE_OVERRUN, Stage.WAITING_FOR_PARTS, 90, null),
            3));
    publish(
        recurring(
            jobId,
            IntentKind.SILENCE,
            1,
            new Reason(ReasonCode.SILENCE, Stage.WAITING_FOR_PARTS, 120, null),
            4));
    publish(stageChanged(jobId, Stage.IN_REPAIR, 5, null, null));

    assertThat(awaitBodies(phone, 5))
        .satisfiesExactlyInAnyOrder(
            body -> assertThat(body).contains("waiting for parts", "Track it:"),
            body ->
                assertThat(body)
                    .isEqualTo(
                        "Acme Motors: Hi Dana Whitfield, your vehicle should now be ready around"
                            + " 11:30 AM, because"
                            + " waiting for parts usually takes about 25 hours."),
            body ->
                assertThat(body)
                    .startsWith(
                        "Acme Motors: Hi Dana Whitfield, waiting for parts is taking 1 hour 30"
                            + " minutes longer than"
                            + " expected. We now expect around 11:30 AM."),
            body ->
                assertThat(body)
                    .startsWith("Acme Motors: Hi Dana Whitfield, still working on it: your"),
            body -> assertThat(body).contains("now in repair"));
  }

  @Test
  void aCustomerWithoutAPhoneGetsASkippedRowSayingWhyAndAnEarlierInstanceTellsNothing() {
    String jobId = newJobId("RO");
    String phone = newPhone();
    // The first use of the job id, told and closed; the next use's customer left no phone.
    publish(
        stageChanged(
            jobId, Journey.VEHICLE_SERVICE, Stage.CHECKED_IN, 1, 1L, MORNING, phone, null));
    publish(
        stageChanged(
            jobId,
            Journey.VEHICLE_SERVICE,
            Stage.COLLECTED,
            2,
            1L,
            MORNING.plusSeconds(3600),
            null,
            null));
    Instant nextDay = MORNING.plus(Duration.ofDays(1));
    publish(
        stageChanged(
            jobId, Journey.VEHICLE_SERVICE, Stage.CHECKED_IN, 500, 500L, nextDay, null, null));
    // A delay of the closed first use, arriving late: about an earlier instance.
    Intent late = recurring(jobId, IntentKind.DELAY_RISK, 1, PARTS, 2);
    Intent lateOfFirstUse =
        new Intent(
            late.intentId(),
            late.kind(),
            ACME,
            SPRINGFIELD,
            jobId,
            late.journey(),
            late.stage(),
            null,
            2,
            1L,
            1,
            MORNING.plusSeconds(1800),
            late.etaAt(),
            late.promisedAt(),
            null,
            null,
            null,
            late.reason(),
            null);
    publish(lateOfFirstUse);
    Intent silenceOfNextUse =
        new Intent(
            Intent.idForOccurrence(ACME, jobId, IntentKind.SILENCE, 500, 1),
            IntentKind.SILENCE,
            ACME,
            SPRINGFIELD,
            jobId,
            Journey.VEHICLE_SERVICE,
            Stage.CHECKED_IN,
            null,
            501,
            500L,
            1,
            nextDay.plusSeconds(7200),
            null,
            null,
            null,
            null,
            null,
            new Reason(ReasonCode.SILENCE, Stage.CHECKED_IN, 120, null),
            null);
    publish(silenceOfNextUse);

    await()
        .atMost(KAFKA_TIMEOUT)
        .until(() -> !notificationsOf(silenceOfNextUse.intentId()).isEmpty());
    assertThat(notificationsOf(silenceOfNextUse.intentId()))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row).containsEntry("status", "SKIPPED").containsEntry("instance", 2L);
              assertThat((String) row.get("error_message")).contains("no phone number");
              assertThat((String) row.get("body")).contains("still working on it");
            });
    assertThat(notificationsOf(lateOfFirstUse.intentId())).isEmpty();
    assertThat(rows("SELECT 1 FROM told_news WHERE job_id = ? AND kind = ?", jobId, "DELAY_RISK"))
        .isEmpty();
    // The first use's customer got its two texts and nothing of the late delay.
    awaitBodies(phone, 2);
  }

  /** An intent of a recurring kind about the job's first instance, at version {@code version}. */
  private static Intent recurring(
      String jobId, IntentKind kind, int occurrence, Reason reason, long version) {
    return new Intent(
        Intent.idForOccurrence(ACME, jobId, kind, 1, occurrence),
        kind,
        ACME,
        SPRINGFIELD,
        jobId,
        Journey.VEHICLE_SERVICE,
        Stage.WAITING_FOR_PARTS,
        null,
        version,
        null,
        occurrence,
        MORNING.plusSeconds(600 * version),
        LATE,
        PROMISE,
        null,
        null,
        null,
        reason,
        null);
  }

  private static Intent withId(Intent intent, String intentId) {
    return new Intent(
        intentId,
        intent.kind(),
        intent.tenantId(),
        intent.locationId(),
        intent.jobId(),
        intent.journey(),
        intent.stage(),
        intent.previousStage(),
        intent.version(),
        intent.instance(),
        intent.occurrence(),
        intent.occurredAt(),
        intent.etaAt(),
        intent.promisedAt(),
        intent.note(),
        intent.customer(),
        intent.sourceEventId(),
        intent.reason(),
        intent.stagesPassed());
  }

  private static List<String> awaitBodies(String phone, int count) {
    await().atMost(KAFKA_TIMEOUT).until(() -> smsTo(phone).size() >= count);
    List<LoggedRequest> sent = smsTo(phone);
    assertThat(sent).hasSize(count);
    return sent.stream().map(request -> request.formParameters().get("Body").firstValue()).toList();
  }

  private static List<Map<String, Object>> notificationsOf(String intentId) {
    return rows("SELECT * FROM notifications WHERE intent_id = ?", intentId);
  }
}
