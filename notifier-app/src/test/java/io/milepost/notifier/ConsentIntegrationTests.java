package io.milepost.notifier;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.milepost.notifier.QuietHoursIntegrationTests.outbox;
import static io.milepost.notifier.QuietHoursIntegrationTests.smsTo;
import static io.milepost.notifier.QuietHoursIntegrationTests.stageChanged;
import static io.milepost.notifier.TwilioStubs.twilioError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.milepost.notifier.customer.Consent;
import io.milepost.schemas.Stage;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

/** Consent is judged when a text is claimed for sending, not only when it was written. */
class ConsentIntegrationTests extends NotifierIntegrationTest {
  private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(45);
  // Noon in Chicago: no quiet hours in the way.
  private static final Instant NOON = Instant.parse("2026-11-25T18:00:00Z");

  @Autowired Consent consent;
  @Autowired TransactionTemplate transactions;

  @AfterEach
  void realTimeAgain() {
    clock.release();
  }

  @Test
  void textsAlreadyPendingForACustomerWhoOptsOutAreNeverSent() {
    String jobId = newJobId("STOP");
    String phone = newPhone();
    clock.pin(NOON);
    // Twilio turns the first text away for now (429): it waits PENDING for its retry, and the
    // job's second text waits PENDING behind it. The clock stands still, so neither is due yet.
    StubMapping rateLimited =
        TestInfrastructure.TWILIO.stubFor(
            post(urlPathEqualTo(TestInfrastructure.MESSAGES_PATH))
                .withFormParam("To", equalTo(phone))
                .willReturn(twilioError(429, 20429, "Too Many Requests")));

    publish(stageChanged(jobId, Stage.CHECKED_IN, 1, NOON.minusSeconds(600), phone));
    await()
        .atMost(KAFKA_TIMEOUT)
        .until(
            () ->
                "PENDING".equals(outbox(jobId, 1).get("status"))
                    && Integer.valueOf(20429).equals(outbox(jobId, 1).get("error_code")));
    publish(stageChanged(jobId, Stage.DIAGNOSING, 2, NOON.minusSeconds(300), null));
    await().atMost(KAFKA_TIMEOUT).until(() -> "PENDING".equals(outbox(jobId, 2).get("status")));
    assertThat(smsTo(phone)).hasSize(1);

    // The customer texts STOP; the inbound handler records it through the Consent API.
    transactions.executeWithoutResult(
        status ->
            consent.optOut(
                QuietHoursIntegrationTests.NIGHT_OWL,
                phone,
                new Consent.Provenance(NOON, "STOP", "+15005550006", "inbound-sms")));
    // Twilio would take them now, and both rows become due.
    TestInfrastructure.TWILIO.removeStub(rateLimited);
    clock.pin(NOON.plusSeconds(600));

    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                "SKIPPED".equals(outbox(jobId, 1).get("status"))
                    && "SKIPPED".equals(outbox(jobId, 2).get("status")));
    for (long version : new long[] {1, 2}) {
      assertThat((String) outbox(jobId, version).get("error_message"))
          .contains("opted out ('STOP') at " + NOON + " via inbound-sms");
    }
    await()
        .during(Duration.ofMillis(1500))
        .atMost(Duration.ofSeconds(5))
        .until(() -> smsTo(phone).size() == 1);
    Map<String, Object> customer =
        rows(
                "SELECT consent, consent_words, consent_number, consent_source, consent_changed_at"
                    + " FROM customers WHERE tenant_id = ? AND phone = ?",
                QuietHoursIntegrationTests.NIGHT_OWL,
                phone)
            .get(0);
    assertThat(customer)
        .containsEntry("consent", "OPTED_OUT")
        .containsEntry("consent_words", "STOP")
        .containsEntry("consent_number", "+15005550006")
        .containsEntry("consent_source", "inbound-sms");
    assertThat(((Timestamp) customer.get("consent_changed_at")).toInstant()).isEqualTo(NOON);
    assertThat(
            rows(
                "SELECT count(*) AS n FROM consent_changes ch JOIN customers c ON c.id ="
                    + " ch.customer_id WHERE c.tenant_id = ? AND c.phone = ?",
                QuietHoursIntegrationTests.NIGHT_OWL,
                phone))
        .first()
        .extracting(row -> ((Number) row.get("n")).intValue())
        .isEqualTo(1);
  }

  @Test
  void theConsentApiRefusesToRunOutsideATransaction() {
    assertThatThrownBy(
            () ->
                consent.optOut(
                    "acme-motors",
                    newPhone(),
                    new Consent.Provenance(Instant.now(), "STOP", null, "inbound-sms")))
        .isInstanceOf(IllegalTransactionStateException.class);
  }
}
