package io.milepost.notifier;

import static io.milepost.notifier.Fixtures.ACME;
import static io.milepost.notifier.Fixtures.MORNING;
import static io.milepost.notifier.Fixtures.PROMISE;
import static io.milepost.notifier.Fixtures.SPRINGFIELD;
import static io.milepost.notifier.IntentToSmsIntegrationTests.smsTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.milepost.schemas.BoardUpdate;
import io.milepost.schemas.Intent;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Stage;
import io.milepost.schemas.TimelineEntry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A customer is never told the same thing twice, or someone else's news: what the notifier told
 * each job instance's customer decides, not the intent id; a reused job id is a new customer. Texts
 * are compared in any order: several sender threads may hand one job's texts to Twilio out of
 * order.
 */
class ToldOnceIntegrationTests extends NotifierIntegrationTest {
  private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(45);
  private static final Instant NEXT_DAY = MORNING.plus(Duration.ofDays(1));

  @Test
  void stageNewsReEmittedWithNewIntentIdsAfterAnEngineRestartSendsNothingNew() {
    String jobId = newJobId("RO");
    String phone = newPhone();
    Job job = new Job(jobId, Journey.VEHICLE_SERVICE);
    publish(job.stage(Stage.CHECKED_IN, 1000, 1000L, minutes(0), phone));
    publish(job.stage(Stage.DIAGNOSING, 1001, 1000L, minutes(10), null));
    publish(job.stage(Stage.IN_REPAIR, 1002, 1000L, minutes(20), null));
    awaitSmsTo(phone, 3);

    // The engine restarted without a savepoint and replays the same events: new versions, so new
    // intent ids, and an instance number of its own.
    publish(job.stage(Stage.CHECKED_IN, 5000, 5000L, minutes(0), phone));
    publish(job.stage(Stage.DIAGNOSING, 5001, 5000L, minutes(10), null));
    publish(job.stage(Stage.IN_REPAIR, 5002, 5000L, minutes(20), null));
    publish(job.stage(Stage.QUALITY_CHECK, 5003, 5000L, minutes(40), null));

    // Same job, same partition: once the quality check is out, the replay was processed.
    awaitSmsContaining(phone, "final quality check");
    assertThat(bodies(smsTo(phone)))
        .satisfiesExactlyInAnyOrder(
            body -> assertThat(body).contains("checked in", "Track it:"),
            body -> assertThat(body).contains("diagnosing"),
            body -> assertThat(body).contains("now in repair"),
            body -> assertThat(body).contains("final quality check"));
    assertThat(notificationsOf(jobId)).hasSize(4);
  }

  @Test
  void aRetriedDeliveryAfterAFailedAttemptIsToldButAReplayedFailureIsNot() {
    String jobId = newJobId("PCL");
    String phone = newPhone();
    Job parcel = new Job(jobId, Journey.DELIVERY);
    publish(parcel.stage(Stage.CREATED, 10, 10L, minutes(0), phone));
    publish(parcel.stage(Stage.OUT_FOR_DELIVERY, 11, 10L, minutes(60), null));
    publish(parcel.stage(Stage.DELIVERY_FAILED, 12, 10L, minutes(120), null));
    publish(parcel.stage(Stage.OUT_FOR_DELIVERY, 13, 10L, minutes(180), null));
    awaitSmsTo(phone, 4);

    publish(parcel.stage(Stage.DELIVERY_FAILED, 9001, 9000L, minutes(120), null));
    publish(parcel.stage(Stage.OUT_FOR_DELIVERY, 9002, 9000L, minutes(60), null));
    publish(parcel.stage(Stage.DELIVERED, 9003, 9000L, minutes(240), null));

    awaitSmsContaining(phone, "has been delivered");
    assertThat(bodies(smsTo(phone)))
        .satisfiesExactlyInAnyOrder(
            body -> assertThat(body).contains("we have your parcel order"),
            body -> assertThat(body).contains("out for delivery"),
            body -> assertThat(body).contains("could not deliver"),
            body -> assertThat(body).contains("out for delivery"),
            body -> assertThat(body).contains("has been delivered"));
  }

  @Test
  void
      aJobIdReusedAfterItsTerminalStageTellsTheNewCustomerWithANewLinkAndTheOldLinkKeepsTheClosedJob()
          throws Exception {
    String jobId = newJobId("RO");
    String firstPhone = newPhone();
    String secondPhone = newPhone();
    Job job = new Job(jobId, Journey.VEHICLE_SERVICE);
    publish(job.stage(Stage.CHECKED_IN, 100, 100L, minutes(0), firstPhone));
    publish(job.stage(Stage.COLLECTED, 107, 100L, minutes(300), null));
    publish(job.board(Stage.COLLECTED, 107, 100L, minutes(300)));
    String firstToken = linkIn(awaitSmsTo(firstPhone, 2));
    await().atMost(KAFKA_TIMEOUT).until(() -> currentStageOn(firstToken).equals("COLLECTED"));

    // The repair-order number is recycled the next day for another customer.
    publish(job.stage(Stage.CHECKED_IN, 500, 500L, NEXT_DAY, secondPhone));
    publish(job.board(Stage.CHECKED_IN, 500, 500L, NEXT_DAY));

    String secondToken = linkIn(awaitSmsTo(secondPhone, 1));
    assertThat(secondToken).isNotEqualTo(firstToken).hasSizeGreaterThanOrEqualTo(22);
    await().atMost(KAFKA_TIMEOUT).until(() -> currentStageOn(secondToken).equals("CHECKED_IN"));
    assertThat(currentStageOn(firstToken)).isEqualTo("COLLECTED");
    assertThat(smsTo(firstPhone)).hasSize(2);
    assertThat(rows("SELECT instance, phone FROM contacts WHERE job_id = ? ORDER BY 1", jobId))
        .extracting(row -> row.get("instance") + "/" + row.get("phone"))
        .containsExactly("1/" + firstPhone, "2/" + secondPhone);
  }

  @Test
  void theOldCustomersPhoneNeverGetsTheNextUsesNewsEvenWhenTheNextUseHasNoPhone() {
    String jobId = newJobId("RO");
    String firstPhone = newPhone();
    Job job = new Job(jobId, Journey.VEHICLE_SERVICE);
    publish(job.stage(Stage.CHECKED_IN, 100, 100L, minutes(0), firstPhone));
    publish(job.stage(Stage.COLLECTED, 107, 100L, minutes(300), null));
    awaitSmsTo(firstPhone, 2);

    publish(job.stage(Stage.CHECKED_IN, 500, 500L, NEXT_DAY, null));
    // A replay of the closed use, numbered anew by an engine that lost its state, arrives late.
    publish(job.stage(Stage.READY_FOR_PICKUP, 900, 900L, minutes(200), null));
    publish(job.stage(Stage.DIAGNOSING, 501, 500L, NEXT_DAY.plusSeconds(600), null));

    await()
        .atMost(KAFKA_TIMEOUT)
        .until(() -> "SKIPPED".equals(notification(jobId, 501).get("status")));
    assertThat(notification(jobId, 500))
        .containsEntry("status", "SKIPPED")
        .containsEntry("to_address", null);
    assertThat(notification(jobId, 900)).isEmpty();
    assertThat(smsTo(firstPhone)).hasSize(2);
    assertThat(
            rows(
                "SELECT count(*) AS n FROM notifications WHERE job_id = ? AND to_address = ?",
                jobId,
                firstPhone))
        .first()
        .isEqualTo(Map.of("n", 2L));
  }

  @Test
  void aPhoneArrivingLaterForACustomerToldNothingYetTellsTheCurrentStageOnceWithTheLink() {
    String jobId = newJobId("RO");
    String phone = newPhone();
    Job job = new Job(jobId, Journey.VEHICLE_SERVICE);
    publish(job.stage(Stage.CHECKED_IN, 1, 1L, minutes(0), null));
    publish(job.contact(Stage.CHECKED_IN, "e-2", 1L, minutes(5), phone, "en-US"));
    // The same phone again, with the customer's language: the contact changes, nothing is told;
    // the next news is in that language.
    publish(job.contact(Stage.CHECKED_IN, "e-3", 1L, minutes(6), phone, "es-US"));
    publish(job.stage(Stage.DIAGNOSING, 2, 1L, minutes(10), null));

    awaitSmsContaining(phone, "diagnosticando");
    assertThat(bodies(smsTo(phone)))
        .satisfiesExactlyInAnyOrder(
            body -> assertThat(body).contains("checked in", "Track it: " + PUBLIC_BASE_URL),
            body ->
                assertThat(body)
                    .contains("estamos diagnosticando su vehículo")
                    .doesNotContain("Siga el avance"));
    assertThat(rows("SELECT phone, locale FROM contacts WHERE job_id = ?", jobId))
        .containsExactly(Map.of("phone", phone, "locale", "es-US"));
  }

  @Test
  void newDetailsForACustomerAlreadyToldTellNothingAndLaterNewsGoesToTheNewPhone() {
    String jobId = newJobId("RO");
    String firstPhone = newPhone();
    String correctedPhone = newPhone();
    Job job = new Job(jobId, Journey.VEHICLE_SERVICE);
    publish(job.stage(Stage.CHECKED_IN, 1, 1L, minutes(0), firstPhone));
    awaitSmsTo(firstPhone, 1);

    publish(job.contact(Stage.CHECKED_IN, "e-2", 1L, minutes(5), correctedPhone, "en-US"));
    publish(job.stage(Stage.DIAGNOSING, 2, 1L, minutes(10), null));

    awaitSmsContaining(correctedPhone, "diagnosing");
    assertThat(bodies(smsTo(correctedPhone)))
        .singleElement()
        .satisfies(body -> assertThat(body).doesNotContain("Track it"));
    assertThat(smsTo(firstPhone)).hasSize(1);
    assertThat(rows("SELECT phone FROM contacts WHERE job_id = ?", jobId))
        .containsExactly(Map.of("phone", correctedPhone));
  }

  /** Intents and board updates of one job id, as the engine would write them. */
  private record Job(String jobId, Journey journey) {
    Intent stage(Stage stage, long version, Long instance, Instant occurredAt, String phone) {
      return Fixtures.stageChanged(
          jobId, journey, stage, version, instance, occurredAt, phone, null);
    }

    Intent contact(
        Stage stage,
        String eventId,
        Long instance,
        Instant occurredAt,
        String phone,
        String locale) {
      return Fixtures.contactChanged(
          jobId, journey, stage, eventId, instance, occurredAt, phone, locale);
    }

    BoardUpdate board(Stage stage, long version, Long instance, Instant occurredAt) {
      return new BoardUpdate(
          ACME,
          SPRINGFIELD,
          jobId,
          journey,
          stage,
          version,
          instance,
          occurredAt,
          null,
          PROMISE,
          null,
          List.of(new TimelineEntry(stage, occurredAt)));
    }
  }

  private static Instant minutes(long minutes) {
    return MORNING.plusSeconds(60 * minutes);
  }

  private static List<LoggedRequest> awaitSmsTo(String phone, int count) {
    await().atMost(KAFKA_TIMEOUT).until(() -> smsTo(phone).size() >= count);
    List<LoggedRequest> sent = smsTo(phone);
    assertThat(sent).hasSize(count);
    return sent;
  }

  private static void awaitSmsContaining(String phone, String text) {
    await()
        .atMost(KAFKA_TIMEOUT)
        .until(() -> bodies(smsTo(phone)).stream().anyMatch(body -> body.contains(text)));
  }

  private static List<String> bodies(List<LoggedRequest> requests) {
    return requests.stream()
        .map(request -> request.formParameters().get("Body").firstValue())
        .toList();
  }

  /** The tracking token in the one SMS of these that carries the link. */
  private static String linkIn(List<LoggedRequest> sms) {
    String prefix = "Track it: " + PUBLIC_BASE_URL + "/track/";
    List<String> withLink = bodies(sms).stream().filter(text -> text.contains(prefix)).toList();
    assertThat(withLink).hasSize(1);
    return withLink.get(0).substring(withLink.get(0).indexOf(prefix) + prefix.length());
  }

  private String currentStageOn(String token) throws Exception {
    HttpResponse<String> page = httpGet("/track/" + token, null);
    assertThat(page.statusCode()).isEqualTo(200);
    var stage =
        java.util.regex.Pattern.compile("id=\"current-stage\"[^>]*data-stage=\"([^\"]+)\"")
            .matcher(page.body());
    return stage.find() ? stage.group(1) : "";
  }

  private static List<Map<String, Object>> notificationsOf(String jobId) {
    return rows("SELECT * FROM notifications WHERE tenant_id = ? AND job_id = ?", ACME, jobId);
  }

  private static Map<String, Object> notification(String jobId, long version) {
    return IntentToSmsIntegrationTests.notification(jobId, version);
  }
}
