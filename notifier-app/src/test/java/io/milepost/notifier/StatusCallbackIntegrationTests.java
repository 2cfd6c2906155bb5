package io.milepost.notifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.milepost.notifier.Fixtures.ACME;
import static io.milepost.notifier.Fixtures.stageChanged;
import static io.milepost.notifier.IntentToSmsIntegrationTests.notification;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.milepost.schemas.Stage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Twilio's status callbacks, signed as Twilio signs them, move a notification forward only. */
class StatusCallbackIntegrationTests extends NotifierIntegrationTest {

  @Test
  void signedCallbacksRecordEachStatusAndALateOneDoesNotGoBackwards() throws Exception {
    String jobId = newJobId("RO");
    long id = sentNotification(jobId);
    String sid = (String) notification(jobId, 1).get("twilio_sid");

    assertThat(callback(id, sid, "sent", null, true).statusCode()).isEqualTo(204);
    assertThat(notification(jobId, 1).get("status")).isEqualTo("SENT");
    assertThat(callback(id, sid, "delivered", null, true).statusCode()).isEqualTo(204);
    assertThat(callback(id, sid, "sent", null, true).statusCode()).isEqualTo(204);

    assertThat(notification(jobId, 1).get("status")).isEqualTo("DELIVERED");
    assertThat(
            rows(
                "SELECT status FROM notification_status_history WHERE notification_id = ?"
                    + " AND source = 'twilio' ORDER BY id",
                id))
        .extracting(row -> row.get("status"))
        .containsExactly("SENT", "DELIVERED", "SENT");
  }

  @Test
  void aWrongSignatureIsRefusedWithProblemDetailsAndChangesNothing() throws Exception {
    String jobId = newJobId("RO");
    long id = sentNotification(jobId);
    String sid = (String) notification(jobId, 1).get("twilio_sid");

    HttpResponse<String> response = callback(id, sid, "delivered", null, false);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).contains("\"status\":403").contains("X-Twilio-Signature");
    assertThat(notification(jobId, 1).get("status")).isEqualTo("QUEUED");
  }

  @Test
  void aLandlineReportedByCallbackFailsTheMessageAndBlocksTheContact() throws Exception {
    String jobId = newJobId("RO");
    long id = sentNotification(jobId);
    String sid = (String) notification(jobId, 1).get("twilio_sid");

    assertThat(callback(id, sid, "undelivered", "30006", true).statusCode()).isEqualTo(204);

    assertThat(notification(jobId, 1))
        .containsEntry("status", "UNDELIVERED")
        .containsEntry("error_code", 30006);
    assertThat(
            rows(
                    "SELECT sms_blocked_reason FROM contacts WHERE tenant_id = ? AND job_id = ?",
                    ACME,
                    jobId)
                .get(0)
                .get("sms_blocked_reason"))
        .asString()
        .contains("landline");
  }

  @Test
  void aDeliveredCallbackThatOvertakesTwiliosAnswerIsNotOverwrittenByQueued() throws Exception {
    String jobId = newJobId("RO");
    String phone = newPhone();
    // Twilio has the message and is slow to say so; meanwhile its callback says delivered.
    Runnable answer = TestInfrastructure.TWILIO_MESSAGES.holdAnswersTo(phone);
    try {
      publish(stageChanged(jobId, Stage.CHECKED_IN, 1, phone, null));
      await()
          .atMost(Duration.ofSeconds(45))
          .until(() -> !TestInfrastructure.TWILIO_MESSAGES.to(phone).isEmpty());
      long id = ((Number) notification(jobId, 1).get("id")).longValue();
      String sid = TestInfrastructure.TWILIO_MESSAGES.to(phone).get(0).sid();
      assertThat(notification(jobId, 1).get("status")).isEqualTo("SENDING");

      assertThat(callback(id, sid, "delivered", null, true).statusCode()).isEqualTo(204);
    } finally {
      answer.run();
    }

    // Twilio's answer (or, had it come too late, the reconciliation) is recorded after the
    // callback.
    await()
        .atMost(Duration.ofSeconds(45))
        .until(
            () ->
                !rows(
                        "SELECT 1 FROM notification_status_history WHERE notification_id = ?"
                            + " AND source IN ('send', 'reconcile')",
                        notification(jobId, 1).get("id"))
                    .isEmpty());
    assertThat(notification(jobId, 1))
        .containsEntry("status", "DELIVERED")
        .containsEntry("twilio_sid", TestInfrastructure.TWILIO_MESSAGES.to(phone).get(0).sid());
  }

  @Test
  void aTextWhoseFinalStatusNeverCameIsLookedUpAtTwilio() {
    String jobId = newJobId("RO");
    long id = sentNotification(jobId);
    String sid = (String) notification(jobId, 1).get("twilio_sid");
    TestInfrastructure.TWILIO.stubFor(
        get(urlPathEqualTo(
                "/2010-04-01/Accounts/"
                    + TestInfrastructure.ACCOUNT_SID
                    + "/Messages/"
                    + sid
                    + ".json"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(TwilioJson.message(sid, "delivered", "any"))));

    // Its callbacks were lost: nothing heard of it for longer than final-status-after.
    execute("UPDATE notifications SET updated_at = now() - interval '2 hours' WHERE id = ?", id);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "DELIVERED".equals(notification(jobId, 1).get("status")));
    assertThat(
            rows(
                "SELECT source FROM notification_status_history WHERE notification_id = ? AND"
                    + " status = 'DELIVERED'",
                id))
        .extracting(row -> row.get("source"))
        .containsExactly("twilio");
  }

  @Test
  void aTextUndeliveredForAPassingReasonIsSentAgainLaterAtMostTwice() throws Exception {
    String jobId = newJobId("RO");
    long id = sentNotification(jobId);
    String phone = (String) notification(jobId, 1).get("to_address");
    String original = (String) notification(jobId, 1).get("intent_id");

    callback(id, (String) notification(jobId, 1).get("twilio_sid"), "undelivered", "30003", true);
    callback(id, (String) notification(jobId, 1).get("twilio_sid"), "undelivered", "30003", true);

    long first = redelivery(original, 1);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> IntentToSmsIntegrationTests.smsTo(phone).size() == 2);
    callback(first, sidOf(first), "undelivered", "30008", true);
    long second = redelivery(original, 2);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> IntentToSmsIntegrationTests.smsTo(phone).size() == 3);
    callback(second, sidOf(second), "undelivered", "30003", true);

    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(6))
        .until(() -> IntentToSmsIntegrationTests.smsTo(phone).size() == 3);
    assertThat(
            rows("SELECT id FROM notifications WHERE intent_id LIKE ?", original + "/redelivery/%"))
        .hasSize(2);
  }

  private static long redelivery(String original, int n) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                rows(
                            "SELECT id FROM notifications WHERE intent_id = ? AND twilio_sid IS NOT"
                                + " NULL",
                            original + "/redelivery/" + n)
                        .size()
                    == 1);
    return ((Number)
            rows("SELECT id FROM notifications WHERE intent_id = ?", original + "/redelivery/" + n)
                .get(0)
                .get("id"))
        .longValue();
  }

  private static String sidOf(long id) {
    return (String)
        rows("SELECT twilio_sid FROM notifications WHERE id = ?", id).get(0).get("twilio_sid");
  }

  private long sentNotification(String jobId) {
    publish(stageChanged(jobId, Stage.CHECKED_IN, 1, newPhone(), null));
    await()
        .atMost(Duration.ofSeconds(45))
        .until(() -> "QUEUED".equals(notification(jobId, 1).get("status")));
    return ((Number) notification(jobId, 1).get("id")).longValue();
  }

  private HttpResponse<String> callback(
      long id, String sid, String status, String errorCode, boolean validSignature)
      throws Exception {
    String path = "/webhooks/twilio/status/" + id;
    Map<String, String> form = new TreeMap<>();
    form.put("AccountSid", TestInfrastructure.ACCOUNT_SID);
    form.put("MessageSid", sid);
    form.put("SmsSid", sid);
    form.put("MessageStatus", status);
    form.put("To", "+14155550100");
    form.put("From", "+15005550006");
    form.put("ApiVersion", "2010-04-01");
    if (errorCode != null) {
      form.put("ErrorCode", errorCode);
    }
    return TwilioWebhookRequests.post(
        http,
        local(path),
        PUBLIC_BASE_URL + path,
        form,
        validSignature ? TestInfrastructure.AUTH_TOKEN : "someone-elses-token");
  }
}
