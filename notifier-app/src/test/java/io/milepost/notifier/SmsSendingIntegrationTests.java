package io.milepost.notifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.milepost.notifier.Fixtures.stageChanged;
import static io.milepost.notifier.IntentToSmsIntegrationTests.leaveBehind;
import static io.milepost.notifier.IntentToSmsIntegrationTests.notification;
import static io.milepost.notifier.IntentToSmsIntegrationTests.notificationById;
import static io.milepost.notifier.IntentToSmsIntegrationTests.smsTo;
import static io.milepost.notifier.TwilioStubs.createsTo;
import static io.milepost.notifier.TwilioStubs.listsMessagesTo;
import static io.milepost.notifier.TwilioStubs.twilioError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.milepost.schemas.Stage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The SMS sending path against a Twilio stub that remembers what it created: every window in which
 * Twilio may have the message without our knowing is reconciled, never blindly resent; a hanging
 * Twilio holds no Kafka listener thread; a send that cannot succeed ends.
 */
class SmsSendingIntegrationTests extends NotifierIntegrationTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final TwilioMessages twilioHas = TestInfrastructure.TWILIO_MESSAGES;
  private static final int MAX_ATTEMPTS = 8;

  @Test
  void aMessageTwilioCreatedBeforeAnsweringWith500IsLookedUpNotResent() {
    String jobId = newJobId("RO");
    String phone = newPhone();
    createsTo(phone, twilioError(500, 20500, "Internal Server Error").withTransformers(remember()));

    long id = leaveBehind(jobId, phone, body(jobId), "PENDING");

    await().atMost(WAIT).until(() -> notificationById(id).get("twilio_sid") != null);
    assertThat(twilioHas.to(phone))
        .singleElement()
        .satisfies(
            created -> assertThat(notificationById(id).get("twilio_sid")).isEqualTo(created.sid()));
    assertThat(notificationById(id).get("status")).isEqualTo("QUEUED");
    assertThat(smsTo(phone)).hasSize(1);
  }

  @Test
  void aJobsTextsReachTwilioInTheirOrderEvenWhenTheFirstIsSlow() {
    String jobId = newJobId("RO");
    String phone = newPhone();
    createsTo(phone, created());
    // The first text (the one with the link) is slow to be accepted; the later ones must wait.
    TestInfrastructure.TWILIO.stubFor(
        post(urlPathEqualTo(TestInfrastructure.MESSAGES_PATH))
            .withFormParam("To", equalTo(phone))
            .withFormParam("Body", containing("/track/"))
            .willReturn(created().withFixedDelay(1_500)));

    publish(stageChanged(jobId, Stage.CHECKED_IN, 1, phone, null));
    publish(stageChanged(jobId, Stage.DIAGNOSING, 2, null, null));
    publish(stageChanged(jobId, Stage.AWAITING_APPROVAL, 3, null, null));

    await().atMost(WAIT).until(() -> smsTo(phone).size() == 3);
    List<LoggedRequest> sent = smsTo(phone);
    assertThat(sent.get(0).formParameters().get("Body").firstValue()).contains("/track/");
    assertThat(sent.get(1).formParameters().get("Body").firstValue())
        .containsIgnoringCase("diagnos");
    // Causal, not a timing budget: the second request can only start after the first's answer.
    assertThat(
            Duration.between(
                sent.get(0).getLoggedDate().toInstant(), sent.get(1).getLoggedDate().toInstant()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1_500));
  }

  @Test
  void twoIdenticalTextsToOnePersonEachGoOutOnceWithTheirOwnSid() {
    String phone = newPhone();
    String body = "Swift Parcels: your parcel is out for delivery.";
    String scenario = "identical-" + phone;
    // The first text goes out; the second's create times out before Twilio creates anything.
    createsTo(phone, scenario, Scenario.STARTED, "first-sent", created());
    createsTo(
        phone,
        scenario,
        "first-sent",
        "recovered",
        aResponse().withFixedDelay(35_000).withStatus(201));
    createsTo(phone, scenario, "recovered", "recovered", created());

    long first = leaveBehind(newJobId("PKG"), phone, body, "PENDING");
    await().atMost(WAIT).until(() -> "QUEUED".equals(notificationById(first).get("status")));
    long second = leaveBehind(newJobId("PKG"), phone, body, "PENDING");

    await().atMost(WAIT).until(() -> "QUEUED".equals(notificationById(second).get("status")));
    assertThat(twilioHas.to(phone)).hasSize(2);
    assertThat(
            List.of(
                notificationById(first).get("twilio_sid"),
                notificationById(second).get("twilio_sid")))
        .containsExactlyInAnyOrderElementsOf(
            twilioHas.to(phone).stream().map(TwilioMessages.Created::sid).toList());
  }

  @Test
  void aRowThatCannotBeReconciledDoesNotHoldUpTheRowsBehindIt() {
    String troubled = newPhone();
    String fine = newPhone();
    String troubledJob = newJobId("RO");
    String fineJob = newJobId("RO");
    // A status this code does not know yet makes looking up the first row fail.
    listsMessagesTo(
        troubled,
        TwilioJson.message(
            "SModd" + troubled.substring(1),
            "partially_delivered",
            body(troubledJob),
            troubled,
            Instant.now()));
    TwilioMessages.Created had = twilioHas.add(fine, body(fineJob), Instant.now());

    long stuck = leaveBehind(troubledJob, troubled, body(troubledJob), "SKIPPED");
    long behind = leaveBehind(fineJob, fine, body(fineJob), "SKIPPED");
    // Both stuck at once, so one sweep meets the troubled row first and the other behind it.
    execute("UPDATE notifications SET status = 'SENDING' WHERE id IN (?, ?)", stuck, behind);

    assertThat(stuck).isLessThan(behind);
    await().atMost(WAIT).until(() -> had.sid().equals(notificationById(behind).get("twilio_sid")));
    assertThat(smsTo(fine)).isEmpty();
  }

  @Test
  void aMessageTwilioTookBeforeTheConnectionWasResetIsReconciledNotResent() {
    String jobId = newJobId("RO");
    String phone = newPhone();
    createsTo(
        phone, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER).withTransformers(remember()));

    publish(stageChanged(jobId, Stage.CHECKED_IN, 1, phone, null));

    await().atMost(WAIT).until(() -> notification(jobId, 1).get("twilio_sid") != null);
    assertSentOnceAndRecorded(jobId, phone);
  }

  @Test
  void anOlderMessageWithTheSameTextIsNotTakenForThisOne() {
    String jobId = newJobId("RO");
    String phone = newPhone();
    String body = body(jobId);
    // Sent two minutes ago, before this row's first attempt: not this row's message.
    TwilioMessages.Created older =
        twilioHas.add(phone, body, Instant.now().minus(Duration.ofMinutes(2)));
    String scenario = "reset-" + phone;
    // Twilio never got the first attempt: the connection broke before it.
    createsTo(
        phone,
        scenario,
        Scenario.STARTED,
        "reset",
        aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    createsTo(phone, scenario, "reset", "reset", created());

    long id = leaveBehind(jobId, phone, body, "PENDING");

    await().atMost(WAIT).until(() -> "QUEUED".equals(notificationById(id).get("status")));
    assertThat(twilioHas.to(phone)).hasSize(2);
    assertThat(notificationById(id).get("twilio_sid"))
        .isEqualTo(twilioHas.to(phone).get(1).sid())
        .isNotEqualTo(older.sid());
    assertThat(smsTo(phone)).hasSize(2);
  }

  @Test
  void aPhoneThatUnsubscribedGetsNoLaterSmsOnAnyJob() {
    String phone = newPhone();
    String firstJob = newJobId("RO");
    String laterJob = newJobId("RO");
    createsTo(phone, twilioError(400, 21610, "Attempt to send to unsubscribed recipient"));

    publish(stageChanged(firstJob, Stage.CHECKED_IN, 1, phone, null));
    await().atMost(WAIT).until(() -> "FAILED".equals(notification(firstJob, 1).get("status")));
    publish(stageChanged(firstJob, Stage.DIAGNOSING, 2, null, null));
    publish(stageChanged(laterJob, Stage.CHECKED_IN, 1, phone, null));

    await()
        .atMost(WAIT)
        .until(
            () ->
                "SKIPPED".equals(notification(firstJob, 2).get("status"))
                    && "SKIPPED".equals(notification(laterJob, 1).get("status")));
    assertThat((String) notification(laterJob, 1).get("error_message")).contains("unsubscribed");
    assertThat(smsTo(phone)).hasSize(1);
    // The carrier's STOP is the customer's opt-out, with where it came from.
    assertThat(
            rows(
                "SELECT consent, consent_source FROM customers WHERE tenant_id = ? AND phone = ?",
                Fixtures.ACME,
                phone))
        .singleElement()
        .satisfies(
            customer -> {
              assertThat(customer.get("consent")).isEqualTo("OPTED_OUT");
              assertThat(customer.get("consent_source")).isEqualTo("twilio-21610");
            });
  }

  @Test
  void aSendThatIsRateLimitedEveryTimeEndsFailedAfterMaxAttempts() {
    String jobId = newJobId("RO");
    String phone = newPhone();
    createsTo(phone, twilioError(429, 20429, "Too Many Requests"));

    publish(stageChanged(jobId, Stage.CHECKED_IN, 1, phone, null));

    await().atMost(WAIT).until(() -> "FAILED".equals(notification(jobId, 1).get("status")));
    assertThat((String) notification(jobId, 1).get("error_message"))
        .contains("gave up after " + MAX_ATTEMPTS + " attempts");
    assertThat(notification(jobId, 1).get("error_code")).isEqualTo(20429);
    assertThat(smsTo(phone)).hasSize(MAX_ATTEMPTS);
  }

  @Test
  void aHangingTwilioHoldsNoListenerThreadAndEverySmsGoesOutOnce() throws Exception {
    Set<String> membersBefore = awaitIntentConsumers();
    List<String> jobs = new ArrayList<>();
    List<String> phones = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      jobs.add(newJobId("RO"));
      phones.add(newPhone());
      // Twilio takes each message, then hangs for a minute before answering.
      createsTo(
          phones.get(i),
          aResponse().withFixedDelay(60_000).withStatus(201).withTransformers(remember()));
    }

    for (int i = 0; i < 10; i++) {
      publish(stageChanged(jobs.get(i), Stage.CHECKED_IN, 1, phones.get(i), null));
    }

    for (int i = 0; i < 10; i++) {
      String jobId = jobs.get(i);
      await().atMost(WAIT).until(() -> "QUEUED".equals(notification(jobId, 1).get("status")));
      assertSentOnceAndRecorded(jobId, phones.get(i));
    }
    // A consumer held past max.poll.interval.ms leaves its group and rejoins as a new member.
    assertThat(awaitIntentConsumers()).isEqualTo(membersBefore);
  }

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void aTwilioErrorNamingThePhoneIsLoggedWithThePhoneMasked(CapturedOutput output) {
    String jobId = newJobId("RO");
    String phone = newPhone();
    String scenario = "named-" + phone;
    createsTo(
        phone,
        scenario,
        Scenario.STARTED,
        "answered",
        twilioError(500, 20500, "Upstream trouble sending to " + phone));
    createsTo(phone, scenario, "answered", "answered", created());

    long id = leaveBehind(jobId, phone, body(jobId), "PENDING");

    await().atMost(WAIT).until(() -> "QUEUED".equals(notificationById(id).get("status")));
    assertThat(output.getOut())
        .contains("notification " + id)
        .contains("Upstream trouble sending to ***")
        .doesNotContain(phone.substring(2));
  }

  @Test
  void prometheusShowsTheOutboxTwilioLatencyAndRetries() throws Exception {
    String jobId = newJobId("RO");
    publish(stageChanged(jobId, Stage.CHECKED_IN, 1, newPhone(), null));
    await().atMost(WAIT).until(() -> "QUEUED".equals(notification(jobId, 1).get("status")));
    String waitingJob = newJobId("RO");
    long waiting = leaveBehind(waitingJob, newPhone(), body(waitingJob), "SKIPPED");
    // Made PENDING in one statement, due tomorrow: ten minutes old and going nowhere.
    execute(
        "UPDATE notifications SET status = 'PENDING', next_attempt_at = now() + interval '1 day',"
            + " created_at = now() - interval '10 minutes' WHERE id = ?",
        waiting);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              Map<String, Double> metrics = scrape();
              assertThat(metrics.get("milepost_sms_outbox_rows{status=\"QUEUED\"}"))
                  .isGreaterThanOrEqualTo(1);
              assertThat(metrics.get("milepost_sms_outbox_rows{status=\"PENDING\"}"))
                  .isGreaterThanOrEqualTo(1);
              assertThat(metrics.get("milepost_sms_outbox_oldest_age_seconds{status=\"PENDING\"}"))
                  .isBetween(600.0, 86_400.0);
              assertThat(metrics.get("milepost_sms_outbox_oldest_age_seconds{status=\"SENDING\"}"))
                  .isGreaterThanOrEqualTo(0);
              assertThat(
                      metrics.get(
                          "milepost_twilio_requests_seconds_count"
                              + "{operation=\"create\",outcome=\"success\"}"))
                  .isGreaterThanOrEqualTo(1);
              assertThat(
                      metrics.get(
                          "milepost_twilio_requests_seconds_max"
                              + "{operation=\"create\",outcome=\"success\"}"))
                  .isBetween(0.0, 60.0);
              assertThat(metrics.get("milepost_sms_retries_total{kind=\"backoff\"}"))
                  .isGreaterThanOrEqualTo(0);
              assertThat(metrics.get("milepost_sms_retries_total{kind=\"reconcile\"}"))
                  .isGreaterThanOrEqualTo(0);
              // Consumer lag (Kafka's client metrics, bound by Spring Boot) and stuck records.
              assertThat(metrics.keySet())
                  .anyMatch(name -> name.startsWith("kafka_consumer_fetch_manager_records_lag_max"))
                  .anyMatch(name -> name.startsWith("milepost_kafka_records_stuck"));
            });
  }

  /** Prometheus text format, one entry per series: name{labels} to value. */
  private Map<String, Double> scrape() throws Exception {
    String basic =
        Base64.getEncoder()
            .encodeToString("dana-dealer:dealer-password".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(local("/actuator/prometheus"))
                .header("Authorization", "Basic " + basic)
                .header("Accept", "text/plain")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    Pattern line = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*})?) (\\S+)$");
    return response
        .body()
        .lines()
        .map(line::matcher)
        .filter(Matcher::matches)
        .collect(
            Collectors.toMap(
                match -> match.group(1).replace(",}", "}"),
                match -> Double.valueOf(match.group(2)),
                (a, b) -> a));
  }

  /** The intents consumer group's member ids, once it has members. */
  private static Set<String> awaitIntentConsumers() throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      List<Set<String>> members = new ArrayList<>();
      await()
          .atMost(WAIT)
          .until(
              () -> {
                Set<String> now =
                    admin
                        .describeConsumerGroups(List.of("milepost-notifier"))
                        .all()
                        .get()
                        .get("milepost-notifier")
                        .members()
                        .stream()
                        .map(MemberDescription::consumerId)
                        .collect(Collectors.toSet());
                members.add(now);
                return !now.isEmpty();
              });
      return members.get(members.size() - 1);
    }
  }

  /**
   * Twilio holds one message to {@code phone}, the job's first notification records its SID, and
   * the app asked Twilio to create it once.
   */
  private static void assertSentOnceAndRecorded(String jobId, String phone) {
    assertThat(twilioHas.to(phone))
        .singleElement()
        .satisfies(
            created ->
                assertThat(notification(jobId, 1).get("twilio_sid")).isEqualTo(created.sid()));
    assertThat(smsTo(phone)).hasSize(1);
  }

  private static String body(String jobId) {
    return "Acme Motors: your vehicle is checked in. (" + jobId + ")";
  }

  private static String remember() {
    return TwilioMessages.NAME;
  }

  /** Twilio creates the message and answers 201 with it. */
  private static ResponseDefinitionBuilder created() {
    return aResponse().withStatus(201).withTransformers(remember());
  }
}
