package io.milepost.notifier;

import static io.milepost.notifier.Fixtures.ACME;
import static io.milepost.notifier.Fixtures.SPRINGFIELD;
import static io.milepost.notifier.Fixtures.stageChanged;
import static io.milepost.notifier.Fixtures.vehicleAt;
import static io.milepost.notifier.IntentToSmsIntegrationTests.smsTo;
import static io.milepost.notifier.StompSubscriptions.subscribeAndAwait;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.milepost.schemas.BoardUpdate;
import io.milepost.schemas.Intent;
import io.milepost.schemas.Stage;
import io.milepost.schemas.WireCodec;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import tools.jackson.databind.JsonNode;

/**
 * The dealer's board over HTTP and STOMP, signed in through the login form: each person sees only
 * their tenant's jobs at their locations (in the page, the detail URL, the fragments, the live
 * topic), and a manual update is one text through the outbox, after the same checks as any.
 */
class BoardIntegrationTests extends NotifierIntegrationTest {
  private static final Duration WAIT = Duration.ofSeconds(45);
  static final String SHELBYVILLE = "shelbyville";
  static final String SWIFT = "swift-parcels";
  private static final Pattern KEY = Pattern.compile("name=\"key\" value=\"([^\"]+)\"");
  private static final String SHARED_NUMBER = "+15005550006";
  private static final AtomicInteger SIDS = new AtomicInteger();

  private final WebSocketStompClient stomp =
      new WebSocketStompClient(new StandardWebSocketClient());
  private StompSession session;
  @Autowired private SimpleBrokerMessageHandler broker;

  BoardIntegrationTests() {
    stomp.setMessageConverter(new StringMessageConverter());
  }

  @AfterEach
  void disconnect() {
    if (session != null && session.isConnected()) {
      try {
        session.disconnect();
      } catch (org.springframework.messaging.MessageDeliveryException e) {
        // The server closes the socket after an ERROR frame; the client may not know yet.
      }
    }
    stomp.stop();
  }

  @Test
  void eachPersonSeesTheirOwnLocationsJobsAndEveryOtherJobIsANotFound() throws Exception {
    String here = newJobId("RO");
    String there = newJobId("RO");
    String foreign = newJobId("PX");
    publish(vehicleAt(here, Stage.IN_REPAIR, 4, null));
    publish(elsewhere(ACME, SHELBYVILLE, vehicleAt(there, Stage.IN_REPAIR, 4, null)));
    publish(elsewhere(SWIFT, SPRINGFIELD, vehicleAt(foreign, Stage.IN_REPAIR, 4, null)));
    await().atMost(WAIT).until(() -> version(ACME, here) == 4 && version(ACME, there) == 4);
    await().atMost(WAIT).until(() -> version(SWIFT, foreign) == 4);

    FormSession dana =
        FormSession.signedIn("http://localhost:" + port, "dana-dealer", "dealer-password");
    FormSession sam =
        FormSession.signedIn("http://localhost:" + port, "sam-shelbyville", "shelbyville-password");
    FormSession pia =
        FormSession.signedIn("http://localhost:" + port, "pia-parcels", "parcels-password");
    FormSession otto = FormSession.signedIn("http://localhost:" + port, "otto-ops", "ops-password");

    assertThat(cardsOn(dana.get("/board"))).contains(here).doesNotContain(there, foreign);
    assertThat(cardsOn(dana.get("/board/columns"))).contains(here).doesNotContain(there, foreign);
    assertThat(dana.get("/board/cards/" + here).body()).contains("data-job-id=\"" + here + "\"");
    assertThat(dana.get("/board/jobs/" + here).statusCode()).isEqualTo(200);
    for (String path :
        List.of(
            "/board/jobs/" + there,
            "/board/cards/" + there,
            "/board/jobs/" + foreign,
            "/board/cards/" + foreign,
            "/board?location=" + SHELBYVILLE,
            "/board/columns?location=" + SHELBYVILLE)) {
      HttpResponse<String> refused = dana.get(path);
      assertThat(refused.statusCode()).as(path).isEqualTo(404);
      assertThat(refused.body()).as(path).doesNotContain("data-job-id", "Dana Whitfield");
    }
    dana.get("/board");
    // Forms about another location's job: a 404 too, and nothing changes.
    assertThat(
            dana.post(
                    "/board/jobs/" + there + "/updates",
                    Map.of("message", "Hello", "key", "0f6a1b2c-3d4e-4f50-9a8b-7c6d5e4f3a2b"))
                .statusCode())
        .isEqualTo(404);
    assertThat(dana.post("/board/jobs/" + there + "/seen", Map.of()).statusCode()).isEqualTo(404);
    assertThat(rows("SELECT 1 FROM notifications WHERE job_id = ?", there)).isEmpty();

    assertThat(cardsOn(sam.get("/board"))).contains(there).doesNotContain(here, foreign);
    assertThat(sam.get("/board/cards/" + here).statusCode()).isEqualTo(404);

    // Another tenant: nothing of acme-motors from any page or fragment.
    assertThat(cardsOn(pia.get("/board"))).contains(foreign).doesNotContain(here, there);
    for (String path :
        List.of(
            "/board/jobs/" + here,
            "/board/cards/" + here,
            "/board/jobs/" + there,
            "/board/cards/" + there,
            "/board/cards/" + here + "?tenant=" + ACME)) {
      HttpResponse<String> refused = pia.get(path);
      assertThat(refused.statusCode()).as(path).isEqualTo(404);
      assertThat(refused.body()).as(path).doesNotContain("data-job-id", "Dana Whitfield");
    }

    // Ops see every location of their tenant, with a filter to pick one.
    HttpResponse<String> ottos = otto.get("/board");
    assertThat(cardsOn(ottos)).contains(here, there).doesNotContain(foreign);
    assertThat(ottos.body()).contains("<select id=\"location\"");
    assertThat(cardsOn(otto.get("/board?location=" + SHELBYVILLE)))
        .contains(there)
        .doesNotContain(here);
  }

  @Test
  void aDealersOwnSessionWatchesTheirBoardLiveAndIsRefusedAnotherLocationsTopic() throws Exception {
    FormSession dana =
        FormSession.signedIn("http://localhost:" + port, "dana-dealer", "dealer-password");

    LivePushIntegrationTests.Frames refused =
        connect(dana).subscribeOnly("/topic/board/" + ACME + "/" + SHELBYVILLE);
    assertThat(refused.refusal())
        .containsAnyOf("not allowed", LivePushIntegrationTests.Frames.CLOSED_WITHOUT_ERROR);

    Connection mine = connect(dana);
    LivePushIntegrationTests.Frames board = mine.frames();
    subscribeAndAwait(mine.session(), broker, "/topic/board/" + ACME + "/" + SPRINGFIELD, board);
    String jobId = newJobId("RO");
    publish(vehicleAt(jobId, Stage.DIAGNOSING, 2, null));
    while (true) {
      JsonNode update = WireCodec.MAPPER.readTree(board.nextMessage());
      if (jobId.equals(update.path("jobId").asString())) {
        assertThat(update.get("stage").asString()).isEqualTo("DIAGNOSING");
        break;
      }
    }
  }

  @Test
  void aManualUpdateIsOneTextThroughTheOutboxHoweverOftenTheFormIsPosted() throws Exception {
    String phone = newPhone();
    String jobId = newJobId("RO");
    publish(stageChanged(jobId, Stage.CHECKED_IN, 1, phone, null));
    publish(vehicleAt(jobId, Stage.CHECKED_IN, 1, null));
    await().atMost(WAIT).until(() -> smsTo(phone).size() == 1);
    await().atMost(WAIT).until(() -> version(ACME, jobId) == 1);
    FormSession dana =
        FormSession.signedIn("http://localhost:" + port, "dana-dealer", "dealer-password");
    String page = dana.get("/board/jobs/" + jobId).body();
    String key = keyOf(page);
    Map<String, String> form = Map.of("message", "Your car is washed and ready early.", "key", key);

    HttpResponse<String> preview = dana.post("/board/jobs/" + jobId + "/preview", form);

    assertThat(preview.body())
        .contains("Acme Motors: Hi Dana Whitfield, Your car is washed and ready early.")
        .contains("1 SMS segment");
    assertThat(rows("SELECT 1 FROM notifications WHERE intent_id LIKE ?", "%/" + key))
        .as("a preview writes nothing")
        .isEmpty();

    HttpResponse<String> sent = dana.post("/board/jobs/" + jobId + "/updates", form);
    assertThat(sent.statusCode()).isEqualTo(302);
    assertThat(dana.get("/board/jobs/" + jobId).body()).contains("Sent: the text is on its way.");
    // The browser retries the POST (a double click, a reload): the same key, nothing new.
    HttpResponse<String> again = dana.post("/board/jobs/" + jobId + "/updates", form);
    assertThat(again.statusCode()).isEqualTo(302);
    assertThat(dana.get("/board/jobs/" + jobId).body())
        .contains("This update was sent already; it was not sent again.");

    await().atMost(WAIT).until(() -> smsTo(phone).size() == 2);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .until(() -> smsTo(phone).size() == 2);
    assertThat(smsTo(phone).get(1).formParameters().get("Body").firstValue())
        .isEqualTo("Acme Motors: Hi Dana Whitfield, Your car is washed and ready early.");
    List<Map<String, Object>> manual =
        rows(
            "SELECT n.id, h.status FROM notifications n JOIN notification_status_history h ON"
                + " h.notification_id = n.id WHERE n.tenant_id = ? AND n.job_id = ? AND"
                + " n.intent_id LIKE ? ORDER BY h.id",
            ACME,
            jobId,
            "%/MANUAL/%");
    assertThat(manual.stream().map(row -> row.get("id")).distinct()).hasSize(1);
    assertThat(manual.get(0).get("status")).as("written to the outbox").isEqualTo("PENDING");
    // The detail page lists it with its delivery status.
    assertThat(dana.get("/board/jobs/" + jobId).body())
        .contains("Your car is washed and ready early.");
  }

  @Test
  void aCustomerWhoOptedOutGetsNoManualUpdateAndThePageSaysWhy() throws Exception {
    String phone = newPhone();
    String jobId = newJobId("RO");
    publish(stageChanged(jobId, Stage.CHECKED_IN, 1, phone, null));
    publish(vehicleAt(jobId, Stage.CHECKED_IN, 1, null));
    await().atMost(WAIT).until(() -> smsTo(phone).size() == 1);
    inbound(phone, "STOP");
    await()
        .atMost(WAIT)
        .until(
            () ->
                "OPTED_OUT"
                    .equals(
                        rows(
                                "SELECT consent FROM customers WHERE tenant_id = ? AND phone = ?",
                                ACME,
                                phone)
                            .get(0)
                            .get("consent")));
    FormSession dana =
        FormSession.signedIn("http://localhost:" + port, "dana-dealer", "dealer-password");
    String page = dana.get("/board/jobs/" + jobId).body();
    Map<String, String> form = Map.of("message", "Ready early!", "key", keyOf(page));

    HttpResponse<String> sent = dana.post("/board/jobs/" + jobId + "/updates", form);

    assertThat(sent.statusCode()).isEqualTo(302);
    String after = dana.get("/board/jobs/" + jobId).body();
    assertThat(after).contains("Not sent: the customer opted out of texts.");
    assertThat(
            rows(
                "SELECT status FROM notifications WHERE tenant_id = ? AND job_id = ? AND"
                    + " intent_id LIKE ?",
                ACME,
                jobId,
                "%/MANUAL/%"))
        .singleElement()
        .satisfies(row -> assertThat(row.get("status")).isEqualTo("SKIPPED"));
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .until(() -> smsTo(phone).size() == 1);
  }

  @Test
  void aManualUpdateAtNightIsHeldUntilTheCustomersQuietHoursEnd() throws Exception {
    // 25 November 2026 in Chicago (CST, UTC-6): noon, then eleven at night.
    Instant noon = Instant.parse("2026-11-25T18:00:00Z");
    Instant elevenPm = Instant.parse("2026-11-26T05:00:00Z");
    Instant eightAm = Instant.parse("2026-11-26T14:00:00Z");
    String phone = newPhone();
    String jobId = newJobId("NIGHT");
    try {
      clock.pin(noon);
      publish(QuietHoursIntegrationTests.stageChanged(jobId, Stage.CHECKED_IN, 1, noon, phone));
      await().atMost(WAIT).until(() -> smsTo(phone).size() == 1);
      FormSession nils =
          FormSession.signedIn("http://localhost:" + port, "nils-night", "night-password");
      String page = nils.get("/board/jobs/" + jobId).body();
      clock.pin(elevenPm);

      HttpResponse<String> sent =
          nils.post(
              "/board/jobs/" + jobId + "/updates",
              Map.of("message", "The part came in early.", "key", keyOf(page)));

      assertThat(sent.statusCode()).isEqualTo(302);
      // Nils reads the board in Spanish; the held time is the location's (UTC: no rules name it).
      assertThat(nils.get("/board/jobs/" + jobId).body())
          .contains(
              "Retenido: sale cuando terminen las horas de silencio del cliente, a las 14:00");
      Map<String, Object> held =
          rows(
                  "SELECT status, next_attempt_at FROM notifications WHERE job_id = ? AND"
                      + " intent_id LIKE ?",
                  jobId,
                  "%/MANUAL/%")
              .get(0);
      assertThat(held.get("status")).isEqualTo("HELD");
      assertThat(((java.sql.Timestamp) held.get("next_attempt_at")).toInstant()).isEqualTo(eightAm);
      await()
          .during(Duration.ofMillis(1500))
          .atMost(Duration.ofSeconds(5))
          .until(() -> smsTo(phone).size() == 1);
    } finally {
      clock.release();
    }
  }

  @Test
  void aJobsPageShowsTheCustomersOtherJobsAndTextsHereButNothingFromAnotherLocation()
      throws Exception {
    String phone = newPhone();
    String earlier = newJobId("RO");
    String now = newJobId("RO");
    String elsewhere = newJobId("RO");
    publish(stageChanged(earlier, Stage.CHECKED_IN, 1, phone, "Brakes squeak"));
    await().atMost(WAIT).until(() -> smsTo(phone).size() == 1);
    publish(stageChanged(now, Stage.CHECKED_IN, 1, phone, "Oil change"));
    await().atMost(WAIT).until(() -> smsTo(phone).size() == 2);
    Intent there = stageChanged(elsewhere, Stage.CHECKED_IN, 1, phone, "Tyres at Shelbyville");
    publish(
        new Intent(
            there.intentId(),
            there.kind(),
            there.tenantId(),
            SHELBYVILLE,
            there.jobId(),
            there.journey(),
            there.stage(),
            there.previousStage(),
            there.version(),
            there.instance(),
            there.occurrence(),
            there.occurredAt(),
            there.etaAt(),
            there.promisedAt(),
            there.note(),
            there.customer(),
            there.sourceEventId(),
            there.reason(),
            there.stagesPassed()));
    await().atMost(WAIT).until(() -> smsTo(phone).size() == 3);
    FormSession dana =
        FormSession.signedIn("http://localhost:" + port, "dana-dealer", "dealer-password");

    String page = dana.get("/board/jobs/" + now).body();

    assertThat(page)
        .contains("href=\"/board/jobs/" + earlier + "\"")
        .contains("Brakes squeak.")
        .contains("Oil change.")
        .doesNotContain(elsewhere)
        .doesNotContain("Tyres at Shelbyville");
  }

  @Test
  void aMessageTooLongForTwoSegmentsIsRefusedWithItsCount() throws Exception {
    String jobId = newJobId("RO");
    publish(stageChanged(jobId, Stage.CHECKED_IN, 1, newPhone(), null));
    publish(vehicleAt(jobId, Stage.CHECKED_IN, 1, null));
    await().atMost(WAIT).until(() -> version(ACME, jobId) == 1);
    FormSession dana =
        FormSession.signedIn("http://localhost:" + port, "dana-dealer", "dealer-password");
    String page = dana.get("/board/jobs/" + jobId).body();
    // Emoji make the text UCS-2: 134 characters in two segments.
    Map<String, String> form = Map.of("message", "🚗 ready ".repeat(25), "key", keyOf(page));

    HttpResponse<String> refused = dana.post("/board/jobs/" + jobId + "/updates", form);

    assertThat(refused.statusCode()).isEqualTo(200);
    assertThat(refused.body()).contains("SMS segments, at most 2 are allowed");
    assertThat(
            rows(
                "SELECT 1 FROM notifications WHERE job_id = ? AND intent_id LIKE ?",
                jobId,
                "%/MANUAL/%"))
        .isEmpty();
  }

  private static String keyOf(String page) {
    Matcher key = KEY.matcher(page);
    assertThat(key.find()).as("the form's idempotency key").isTrue();
    return key.group(1);
  }

  /** The job ids of the cards on a board page or fragment. */
  static List<String> cardsOn(HttpResponse<String> page) {
    assertThat(page.statusCode()).isEqualTo(200);
    return Pattern.compile("data-job-id=\"([^\"]+)\"")
        .matcher(page.body())
        .results()
        .map(m -> m.group(1))
        .toList();
  }

  static long version(String tenant, String jobId) {
    List<Map<String, Object>> found =
        rows("SELECT version FROM jobs WHERE tenant_id = ? AND job_id = ?", tenant, jobId);
    return found.isEmpty() ? -1 : ((Number) found.get(0).get("version")).longValue();
  }

  /** The same board state at another tenant or location. */
  static BoardUpdate elsewhere(String tenant, String location, BoardUpdate update) {
    return new BoardUpdate(
        tenant,
        location,
        update.jobId(),
        update.journey(),
        update.stage(),
        update.version(),
        update.instance(),
        update.occurredAt(),
        update.etaAt(),
        update.promisedAt(),
        update.note(),
        update.timeline(),
        update.etaReason(),
        update.alerts());
  }

  HttpResponse<String> inbound(String from, String body) throws Exception {
    String path = "/webhooks/twilio/inbound";
    return TwilioWebhookRequests.post(
        http,
        local(path),
        PUBLIC_BASE_URL + path,
        Map.of(
            "AccountSid",
            TestInfrastructure.ACCOUNT_SID,
            "MessageSid",
            "SMbd" + ProcessHandle.current().pid() + "x" + SIDS.incrementAndGet(),
            "From",
            from,
            "To",
            SHARED_NUMBER,
            "Body",
            body,
            "NumMedia",
            "0"),
        TestInfrastructure.AUTH_TOKEN);
  }

  /** A connection and its frames: an ERROR frame reaches the connection's handler. */
  private record Connection(StompSession session, LivePushIntegrationTests.Frames frames) {
    LivePushIntegrationTests.Frames subscribeOnly(String destination) {
      session.subscribe(destination, frames);
      return frames;
    }
  }

  /** A STOMP connection carrying the person's session cookie, as their board page opens it. */
  private Connection connect(FormSession person) throws Exception {
    WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
    headers.add("Cookie", person.cookieHeader());
    LivePushIntegrationTests.Frames frames = new LivePushIntegrationTests.Frames();
    session =
        stomp
            .connectAsync("ws://localhost:" + port + "/ws", headers, frames)
            .get(10, TimeUnit.SECONDS);
    return new Connection(session, frames);
  }
}
