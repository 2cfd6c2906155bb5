package io.milepost.notifier;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.milepost.notifier.Fixtures.ACME;
import static io.milepost.notifier.Fixtures.SPRINGFIELD;
import static io.milepost.notifier.Fixtures.stageChanged;
import static io.milepost.notifier.TwilioStubs.createsTo;
import static io.milepost.notifier.TwilioStubs.json;
import static io.milepost.notifier.TwilioStubs.listsMessagesTo;
import static io.milepost.notifier.TwilioStubs.twilioError;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.milepost.schemas.CustomerEvent;
import io.milepost.schemas.JobKey;
import io.milepost.schemas.Stage;
import io.milepost.schemas.Topics;
import io.milepost.schemas.WireCodec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Intents on Kafka become exactly one SMS each, through twilio-java against a Twilio stub. */
class IntentToSmsIntegrationTests extends NotifierIntegrationTest {
  private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(45);

  @Test
  void firstIntentSendsOneSmsWithTheTrackingLinkAndLaterOnesDoNot() {
    String jobId = newJobId("RO");
    String phone = newPhone();

    publish(stageChanged(jobId, Stage.CHECKED_IN, 1, phone, null));

    List<LoggedRequest> first = awaitSmsTo(phone, 1);
    String token = trackingToken(ACME, jobId);
    assertThat(token).hasSizeGreaterThanOrEqualTo(22);
    assertThat(first.get(0).formParameters().get("Body").firstValue())
        .isEqualTo(
            "Acme Motors: Hi Dana Whitfield, your vehicle is checked in. Track it: "
                + PUBLIC_BASE_URL
                + "/track/"
                + token);
    assertThat(first.get(0).formParameters().get("From").firstValue()).isEqualTo("+15005550006");
    assertThat(first.get(0).formParameters().get("StatusCallback").firstValue())
        .startsWith(PUBLIC_BASE_URL + "/webhooks/twilio/status/");
    await()
        .atMost(KAFKA_TIMEOUT)
        .until(() -> "QUEUED".equals(notification(jobId, 1).get("status")));
    assertThat((String) notification(jobId, 1).get("twilio_sid")).startsWith("SM");

    publish(stageChanged(jobId, Stage.IN_REPAIR, 2, null, "New brake pads fitted"));

    List<LoggedRequest> both = awaitSmsTo(phone, 2);
    assertThat(both.get(1).formParameters().get("Body").firstValue())
        .isEqualTo(
            "Acme Motors: Hi Dana Whitfield, your vehicle is now in repair. New brake pads"
                + " fitted.");
  }

  @Test
  void theSameIntentDeliveredTwiceSendsOneSms() {
    String jobId = newJobId("RO");
    String phone = newPhone();

    publish(stageChanged(jobId, Stage.CHECKED_IN, 1, phone, null));
    publish(stageChanged(jobId, Stage.CHECKED_IN, 1, phone, null));
    // Same job, so same partition: once this one is sent, the duplicate was processed too.
    publish(stageChanged(jobId, Stage.DIAGNOSING, 2, null, null));

    List<LoggedRequest> sent = awaitSmsTo(phone, 2);
    assertThat(sent)
        .extracting(request -> request.formParameters().get("Body").firstValue())
        .satisfiesExactly(
            checkedIn -> assertThat(checkedIn).contains("checked in"),
            diagnosing -> assertThat(diagnosing).contains("diagnosing"));
    assertThat(
            rows(
                "SELECT count(*) AS n FROM notifications WHERE tenant_id = ? AND job_id = ?",
                ACME,
                jobId))
        .first()
        .extracting(row -> ((Number) row.get("n")).intValue())
        .isEqualTo(2);
  }

  @Test
  void anInvalidNumberFailsAtOnceAndBlocksTheContact() throws Exception {
    String jobId = newJobId("RO");
    String phone = newPhone();
    createsTo(phone, twilioError(400, 21211, "The 'To' number is not a valid number."));

    publish(stageChanged(jobId, Stage.CHECKED_IN, 1, phone, null));

    await()
        .atMost(KAFKA_TIMEOUT)
        .until(() -> "FAILED".equals(notification(jobId, 1).get("status")));
    assertThat(notification(jobId, 1).get("error_code")).isEqualTo(21211);
    assertThat(
            rows(
                    "SELECT sms_blocked_reason FROM contacts WHERE tenant_id = ? AND job_id = ?",
                    ACME,
                    jobId)
                .get(0)
                .get("sms_blocked_reason"))
        .asString()
        .contains("not valid");
    // The board hears of it: an UNREACHABLE customer event, published.
    Object id = notification(jobId, 1).get("id");
    await()
        .atMost(KAFKA_TIMEOUT)
        .until(
            () ->
                rows(
                            "SELECT 1 FROM customer_events WHERE event_id = ? AND published_at IS NOT"
                                + " NULL",
                            ACME + "/notification/" + id + "/unreachable")
                        .size()
                    == 1);
    CustomerEvent told =
        WireCodec.CUSTOMER_EVENT.decode(
            (byte[])
                rows(
                        "SELECT payload FROM customer_events WHERE event_id = ?",
                        ACME + "/notification/" + id + "/unreachable")
                    .get(0)
                    .get("payload"));
    assertThat(told.kind()).isEqualTo(CustomerEvent.Kind.UNREACHABLE);
    assertThat(told.reason()).isEqualTo(CustomerEvent.Unreachable.INVALID_NUMBER);
    assertThat(told.jobId()).isEqualTo(jobId);
    assertThat(told.locationId()).isEqualTo(SPRINGFIELD);
    // Several sweeps and retry backoffs pass: still one request.
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> smsTo(phone).size() == 1);
  }

  @Test
  void aRateLimitIsRetriedWithBackoffUntilTheMessageIsAccepted() {
    String jobId = newJobId("RO");
    String phone = newPhone();
    String scenario = "rate-limited-" + phone;
    createsTo(
        phone,
        scenario,
        Scenario.STARTED,
        "recovered",
        twilioError(429, 20429, "Too Many Requests"));
    createsTo(
        phone,
        scenario,
        "recovered",
        "recovered",
        json(201, TwilioJson.message("SMrecovered" + phone.substring(1), "queued", null)));

    publish(stageChanged(jobId, Stage.CHECKED_IN, 1, phone, null));

    await()
        .atMost(KAFKA_TIMEOUT)
        .until(() -> "QUEUED".equals(notification(jobId, 1).get("status")));
    assertThat(notification(jobId, 1).get("twilio_sid"))
        .isEqualTo("SMrecovered" + phone.substring(1));
    assertThat(notification(jobId, 1).get("attempts")).isEqualTo(2);
    assertThat(smsTo(phone)).hasSize(2);
    assertThat(
            rows(
                "SELECT status, error_code FROM notification_status_history"
                    + " WHERE notification_id = ? ORDER BY id",
                notification(jobId, 1).get("id")))
        .extracting(row -> row.get("status") + "/" + row.get("error_code"))
        .containsExactly("PENDING/null", "PENDING/20429", "QUEUED/null");
  }

  @Test
  void aMessageStuckInSendingThatTwilioHasIsReconciledNotResent() {
    String jobId = newJobId("RO");
    String phone = newPhone();
    String body = "Acme Motors: your vehicle is checked in. (" + jobId + ")";
    listsMessagesTo(
        phone,
        TwilioJson.message("SMother" + phone.substring(1), "delivered", "hi"),
        TwilioJson.message("SMfound" + phone.substring(1), "queued", body));

    long id = leaveStuckInSending(jobId, phone, body);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> ("SMfound" + phone.substring(1)).equals(notificationById(id).get("twilio_sid")));
    assertThat(notificationById(id).get("status")).isEqualTo("QUEUED");
    assertThat(
            TestInfrastructure.TWILIO.findAll(
                getRequestedFor(urlPathEqualTo(TestInfrastructure.MESSAGES_PATH))
                    .withQueryParam("To", equalTo(phone))
                    // A DateSent filter would hide a message Twilio still has queued.
                    .withoutQueryParam("DateSent>")))
        .isNotEmpty();
    assertThat(smsTo(phone)).isEmpty();
  }

  @Test
  void aMessageStuckInSendingThatTwilioNeverGotIsSentOnce() {
    String jobId = newJobId("RO");
    String phone = newPhone();
    String body = "Acme Motors: your vehicle is checked in. (" + jobId + ")";
    listsMessagesTo(phone);

    long id = leaveStuckInSending(jobId, phone, body);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "QUEUED".equals(notificationById(id).get("status")));
    assertThat(smsTo(phone))
        .singleElement()
        .satisfies(
            request ->
                assertThat(request.formParameters().get("Body").firstValue()).isEqualTo(body));
  }

  @Test
  void anUnreadableIntentIsSetAsideAndTheNextOneOfTheJobStillGoesOut() {
    String jobId = newJobId("RO");
    String phone = newPhone();
    byte[] garbage = ("{\"intentId\": \"" + jobId + "\", \"kind\": ").getBytes(UTF_8);

    kafka.send(Topics.INTENTS, JobKey.of(ACME, jobId), garbage);
    publish(stageChanged(jobId, Stage.CHECKED_IN, 1, phone, null));

    awaitSmsTo(phone, 1);
    assertThat(
            rows(
                "SELECT reason, payload FROM rejected_records WHERE topic = ? AND payload = ?",
                Topics.INTENTS,
                garbage))
        .singleElement()
        .satisfies(row -> assertThat((String) row.get("reason")).contains("not JSON"));
  }

  @Test
  void withoutAPhoneNumberNoSmsIsSentAndTheReasonIsRecorded() {
    String jobId = newJobId("RO");

    publish(stageChanged(jobId, Stage.CHECKED_IN, 1, null, null));

    await()
        .atMost(KAFKA_TIMEOUT)
        .until(() -> "SKIPPED".equals(notification(jobId, 1).get("status")));
    assertThat((String) notification(jobId, 1).get("error_message")).contains("no phone number");
    assertThat(notification(jobId, 1).get("to_address")).isNull();
  }

  @Test
  void aRowLeftPendingByACrashAfterCommitIsSentByTheSweepOnce() {
    String jobId = newJobId("RO");
    String phone = newPhone();
    String body = "Acme Motors: your vehicle is checked in. (" + jobId + ")";

    long id = leaveBehind(jobId, phone, body, "PENDING");

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "QUEUED".equals(notificationById(id).get("status")));
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .until(() -> smsTo(phone).size() == 1);
  }

  static long leaveStuckInSending(String jobId, String phone, String body) {
    return leaveBehind(jobId, phone, body, "SENDING");
  }

  /** A row as a crash leaves it: written a minute ago, attempted once, in {@code status}. */
  static long leaveBehind(String jobId, String phone, String body, String status) {
    String intentId = ACME + "/" + jobId + "/STAGE_CHANGED/1";
    execute(
        "INSERT INTO tenants (tenant_id, display_name) VALUES (?, 'Acme Motors') ON CONFLICT DO"
            + " NOTHING",
        ACME);
    execute(
        "INSERT INTO jobs (tenant_id, job_id, location_id, journey, stage, version,"
            + " tracking_token) VALUES (?, ?, 'springfield', 'vehicle-service', 'CHECKED_IN', 0,"
            + " ?)",
        ACME,
        jobId,
        "token-" + jobId);
    execute(
        "INSERT INTO processed_intents (intent_id, tenant_id, job_id, kind, version)"
            + " VALUES (?, ?, ?, 'STAGE_CHANGED', 1)",
        intentId,
        ACME,
        jobId);
    return ((Number)
            rows(
                    "INSERT INTO notifications (intent_id, tenant_id, job_id, channel, to_address,"
                        + " body, status, attempts, created_at, updated_at) VALUES (?, ?, ?,"
                        + " 'SMS', ?, ?, ?, 1, now() - interval '1 minute', now() -"
                        + " interval '1 minute') RETURNING id",
                    intentId,
                    ACME,
                    jobId,
                    phone,
                    body,
                    status)
                .get(0)
                .get("id"))
        .longValue();
  }

  private static List<LoggedRequest> awaitSmsTo(String phone, int count) {
    await().atMost(KAFKA_TIMEOUT).until(() -> smsTo(phone).size() >= count);
    List<LoggedRequest> sent = smsTo(phone);
    assertThat(sent).hasSize(count);
    return sent;
  }

  /** Message-create requests Twilio received for one phone, oldest first. */
  static List<LoggedRequest> smsTo(String phone) {
    return TestInfrastructure.TWILIO
        .findAll(
            postRequestedFor(urlPathEqualTo(TestInfrastructure.MESSAGES_PATH))
                .withFormParam("To", equalTo(phone)))
        .stream()
        .sorted(java.util.Comparator.comparing(LoggedRequest::getLoggedDate))
        .toList();
  }

  static Map<String, Object> notification(String jobId, long version) {
    List<Map<String, Object>> found =
        rows(
            "SELECT * FROM notifications WHERE intent_id = ?",
            ACME + "/" + jobId + "/STAGE_CHANGED/" + version);
    return found.isEmpty() ? Map.of() : found.get(0);
  }

  static Map<String, Object> notificationById(long id) {
    return rows("SELECT * FROM notifications WHERE id = ?", id).get(0);
  }
}
