package io.milepost.notifier;

import static io.milepost.notifier.Fixtures.ACME;
import static io.milepost.notifier.Fixtures.stageChanged;
import static io.milepost.notifier.IntentToSmsIntegrationTests.smsTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.milepost.schemas.CustomerEvent;
import io.milepost.schemas.Stage;
import io.milepost.schemas.Topics;
import io.milepost.schemas.WireCodec;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Customers text back: signed inbound webhooks change consent, answer HELP, record decisions and
 * reach the boards; a forged one changes nothing.
 */
class InboundSmsIntegrationTests extends NotifierIntegrationTest {
  private static final Duration WAIT = Duration.ofSeconds(45);
  private static final String SHARED_NUMBER = "+15005550006";
  private static final AtomicInteger SIDS = new AtomicInteger();
  private final TestClock clock = TestClock.INSTANCE;

  @AfterEach
  void realTime() {
    clock.release();
  }

  @Test
  void afterStopNothingMoreIsSentAndStartRestoresTexts() throws Exception {
    String phone = newPhone();
    String jobId = newJobId("RO");
    publish(stageChanged(jobId, Stage.CHECKED_IN, 1, phone, null));
    await().atMost(WAIT).until(() -> smsTo(phone).size() == 1);

    HttpResponse<String> stop = inbound(phone, "STOP", true);

    assertThat(stop.statusCode()).isEqualTo(200);
    assertThat(stop.body()).doesNotContain("<Message>"); // Twilio confirms its own keyword
    assertThat(consentOf(phone)).isEqualTo("OPTED_OUT");
    publish(stageChanged(jobId, Stage.DIAGNOSING, 2, null, null));
    await()
        .atMost(WAIT)
        .until(
            () ->
                "SKIPPED".equals(IntentToSmsIntegrationTests.notification(jobId, 2).get("status")));
    assertThat(smsTo(phone)).hasSize(1);

    inbound(phone, "start", true);

    assertThat(consentOf(phone)).isEqualTo("OPTED_IN");
    publish(stageChanged(jobId, Stage.IN_REPAIR, 3, null, null));
    await().atMost(WAIT).until(() -> smsTo(phone).size() == 2);
  }

  @Test
  void plainWordsAndRevokeOptOutTooAndPlainWordsAreConfirmed() throws Exception {
    for (String words : List.of("Please stop texting me", "REVOKE", "no more messages")) {
      String phone = newPhone();
      publish(stageChanged(newJobId("RO"), Stage.CHECKED_IN, 1, phone, null));
      await().atMost(WAIT).until(() -> smsTo(phone).size() == 1);

      HttpResponse<String> answer = inbound(phone, words, true);

      assertThat(consentOf(phone)).as(words).isEqualTo("OPTED_OUT");
      assertThat(
              rows(
                  "SELECT consent_words, consent_number, consent_source FROM customers WHERE"
                      + " tenant_id = ? AND phone = ?",
                  ACME,
                  phone))
          .singleElement()
          .satisfies(
              row -> {
                assertThat(row.get("consent_words")).isEqualTo(words);
                assertThat(row.get("consent_number")).isEqualTo(SHARED_NUMBER);
                assertThat(row.get("consent_source")).isEqualTo("inbound-sms");
              });
      if (!words.equals("REVOKE")) {
        assertThat(answer.body()).contains("<Message>").contains("START");
      }
    }
  }

  @Test
  void helpIsAnsweredWithTheBusinessName() throws Exception {
    String phone = newPhone();
    publish(stageChanged(newJobId("RO"), Stage.CHECKED_IN, 1, phone, null));
    await().atMost(WAIT).until(() -> smsTo(phone).size() == 1);

    HttpResponse<String> help = inbound(phone, "HELP", true);

    assertThat(help.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).contains("xml"));
    assertThat(help.body()).contains("<Message>").contains("Acme Motors").contains("STOP");
    assertThat(consentOf(phone)).isEqualTo("OPTED_IN");
  }

  @Test
  void aForgedInboundWebhookIsRefusedAndChangesNothing() throws Exception {
    String phone = newPhone();
    publish(stageChanged(newJobId("RO"), Stage.CHECKED_IN, 1, phone, null));
    await().atMost(WAIT).until(() -> smsTo(phone).size() == 1);

    HttpResponse<String> forged = inbound(phone, "STOP", false);

    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("invalid-twilio-signature");
    assertThat(consentOf(phone)).isEqualTo("OPTED_IN");
    assertThat(
            rows(
                "SELECT 1 FROM customer_replies r JOIN customers c ON c.id = r.customer_id WHERE c.phone = ?",
                phone))
        .isEmpty();
  }

  @Test
  void aYesToAnApprovalRequestReachesTheBoardTopicAsADecision() throws Exception {
    String phone = newPhone();
    String jobId = newJobId("RO");
    publish(stageChanged(jobId, Stage.CHECKED_IN, 1, phone, null));
    publish(stageChanged(jobId, Stage.AWAITING_APPROVAL, 2, null, null));
    await().atMost(WAIT).until(() -> smsTo(phone).size() == 2);

    HttpResponse<String> yes = inbound(phone, "Yes", true);

    assertThat(yes.body()).contains("<Message>");
    CustomerEvent decision =
        await().atMost(WAIT).until(() -> customerEventAbout(jobId), found -> found != null);
    assertThat(decision.kind()).isEqualTo(CustomerEvent.Kind.DECISION);
    assertThat(decision.decision()).isEqualTo(CustomerEvent.Decision.APPROVED);
    assertThat(decision.locationId()).isEqualTo(Fixtures.SPRINGFIELD);
    assertThat(consentOf(phone)).isEqualTo("OPTED_IN");
  }

  @Test
  void aClosedJobGetsOneSurveyAnHourLaterAndATwoRaisesAnAlertForTheBoard() throws Exception {
    String phone = newPhone();
    String jobId = newJobId("RO");
    publish(stageChanged(jobId, Stage.READY_FOR_PICKUP, 1, phone, null));
    publish(stageChanged(jobId, Stage.COLLECTED, 2, null, null));
    await().atMost(WAIT).until(() -> smsTo(phone).size() == 2);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .until(() -> smsTo(phone).size() == 2);

    clock.pin(Instant.now().plus(Duration.ofMinutes(61)));

    await().atMost(WAIT).until(() -> smsTo(phone).size() == 3);
    assertThat(smsTo(phone).get(2).formParameters().get("Body").firstValue())
        .contains("Acme Motors")
        .contains("1 (poor) to 5 (great)");
    HttpResponse<String> two = inbound(phone, "2", true);

    assertThat(two.body()).contains("<Message>").contains("thank you");
    assertThat(
            rows(
                "SELECT sc.score FROM customer_scores sc JOIN customers c ON c.id ="
                    + " sc.customer_id WHERE c.phone = ? AND sc.job_id = ?",
                phone,
                jobId))
        .singleElement()
        .satisfies(row -> assertThat(((Number) row.get("score")).intValue()).isEqualTo(2));
    CustomerEvent score =
        await().atMost(WAIT).until(() -> customerEventAbout(jobId), found -> found != null);
    assertThat(score.kind()).isEqualTo(CustomerEvent.Kind.SCORE);
    assertThat(score.score()).isEqualTo(2);
    assertThat(score.lowScore()).isTrue();

    // The survey is answered: a later number is just a message, and no second survey comes.
    inbound(phone, "5", true);
    assertThat(
            rows(
                "SELECT 1 FROM customer_scores sc JOIN customers c ON c.id = sc.customer_id WHERE c.phone = ?",
                phone))
        .hasSize(1);
    assertThat(smsTo(phone)).hasSize(3);
  }

  @Test
  void noSurveyGoesToACustomerWhoOptedOutBeforeItWasDue() throws Exception {
    String phone = newPhone();
    String jobId = newJobId("RO");
    publish(stageChanged(jobId, Stage.READY_FOR_PICKUP, 1, phone, null));
    publish(stageChanged(jobId, Stage.COLLECTED, 2, null, null));
    await().atMost(WAIT).until(() -> smsTo(phone).size() == 2);
    inbound(phone, "STOP", true);

    clock.pin(Instant.now().plus(Duration.ofMinutes(61)));

    await()
        .atMost(WAIT)
        .until(
            () ->
                rows(
                            "SELECT n.status FROM csat_surveys s JOIN notifications n ON n.id ="
                                + " s.notification_id WHERE s.job_id = ? AND n.status = 'SKIPPED'",
                            jobId)
                        .size()
                    == 1);
    assertThat(smsTo(phone)).hasSize(2);
  }

  @Test
  void anyOtherTextReachesTheBoardAsACustomerMessage() throws Exception {
    String phone = newPhone();
    String jobId = newJobId("RO");
    publish(stageChanged(jobId, Stage.CHECKED_IN, 1, phone, null));
    await().atMost(WAIT).until(() -> smsTo(phone).size() == 1);

    inbound(phone, "Could you also check the wipers?", true);

    CustomerEvent message =
        await().atMost(WAIT).until(() -> customerEventAbout(jobId), found -> found != null);
    assertThat(message.kind()).isEqualTo(CustomerEvent.Kind.MESSAGE);
    assertThat(message.body()).isEqualTo("Could you also check the wipers?");
  }

  private HttpResponse<String> inbound(String from, String body, boolean signed) throws Exception {
    String path = "/webhooks/twilio/inbound";
    return TwilioWebhookRequests.post(
        http,
        local(path),
        PUBLIC_BASE_URL + path,
        Map.of(
            "AccountSid",
            TestInfrastructure.ACCOUNT_SID,
            "MessageSid",
            "SMin" + ProcessHandle.current().pid() + "x" + SIDS.incrementAndGet(),
            "From",
            from,
            "To",
            SHARED_NUMBER,
            "Body",
            body,
            "NumMedia",
            "0"),
        signed ? TestInfrastructure.AUTH_TOKEN : "someone-elses-token");
  }

  private static String consentOf(String phone) {
    return (String)
        rows("SELECT consent FROM customers WHERE tenant_id = ? AND phone = ?", ACME, phone)
            .get(0)
            .get("consent");
  }

  private static CustomerEvent customerEventAbout(String jobId) throws Exception {
    List<CustomerEvent> found = new ArrayList<>();
    for (var record :
        kafka.read(Topics.CUSTOMER_EVENTS, false, 1000, Duration.ofSeconds(2), Duration.ZERO)) {
      CustomerEvent event = WireCodec.CUSTOMER_EVENT.decode(record.value());
      if (jobId.equals(event.jobId())) {
        found.add(event);
      }
    }
    return found.isEmpty() ? null : found.get(found.size() - 1);
  }
}
