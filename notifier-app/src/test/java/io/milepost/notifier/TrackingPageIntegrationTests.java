package io.milepost.notifier;

import static io.milepost.notifier.Fixtures.ACME;
import static io.milepost.notifier.Fixtures.SPRINGFIELD;
import static io.milepost.notifier.Fixtures.contactChanged;
import static io.milepost.notifier.Fixtures.vehicleAt;
import static io.milepost.notifier.Fixtures.withAlerts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.milepost.schemas.BoardUpdate;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Stage;
import io.milepost.schemas.TimelineEntry;
import io.milepost.schemas.WireCodec;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import tools.jackson.databind.JsonNode;

/**
 * The customer's page fetched as a browser would, without logging in: what it shows, in whose
 * language, with which headers, and what an old or unknown link gets instead.
 */
class TrackingPageIntegrationTests extends NotifierIntegrationTest {
  private static final Duration KAFKA = Duration.ofSeconds(45);
  private final WebSocketStompClient stomp =
      new WebSocketStompClient(new StandardWebSocketClient());
  private StompSession session;
  @Autowired private SimpleBrokerMessageHandler broker;

  TrackingPageIntegrationTests() {
    stomp.setMessageConverter(new StringMessageConverter());
  }

  @AfterEach
  void disconnect() {
    if (session != null && session.isConnected()) {
      try {
        session.disconnect();
      } catch (org.springframework.messaging.MessageDeliveryException e) {
        // Closed by the server after its ERROR frame.
      }
    }
    stomp.stop();
  }

  @Test
  void aKnownTokenShowsTheJobsStagesWithTheCurrentOneMarkedInWordsNotOnlyColour() throws Exception {
    String jobId = newJobId("RO");
    publish(
        withAlerts(vehicleAt(jobId, Stage.IN_REPAIR, 5, "Waiting on <brake> pads & rotors"), 1));
    String token = awaitVersion(jobId, 5);

    HttpResponse<String> page = get("/track/" + token, "en");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(page.body())
        .contains("<html lang=\"en\">")
        .contains("name=\"viewport\"")
        .contains("Acme Motors")
        .contains("Reference " + jobId)
        .contains("<li data-stage=\"CHECKED_IN\" data-state=\"done\">")
        .contains("<li data-stage=\"IN_REPAIR\" data-state=\"current\" aria-current=\"step\">")
        .contains("<li data-stage=\"COLLECTED\" data-state=\"upcoming\">")
        .contains("<span class=\"state\">Done</span>")
        .contains("<span class=\"state\">In progress now</span>")
        .contains("<span class=\"state\">Still to come</span>")
        .contains("Waiting on &lt;brake&gt; pads &amp; rotors")
        // The ETA with its reason as the texts say it, the promise and that it is at risk.
        .contains("Waiting for parts usually takes about 25 hours.")
        .contains("We expect to be later than promised.")
        .contains("id=\"at-risk\"")
        // No customer zone known and none in the rules: said to be UTC rather than guessed.
        .contains("UTC</time>")
        .contains("aria-live=\"polite\"")
        .contains("/bundles/stomp.umd.min.js")
        .contains("/js/live.js")
        .contains("/js/track.js")
        .doesNotContain("style=\"")
        .doesNotContain("<script>");
  }

  @Test
  void theProgressFragmentIsTheSameSectionAloneForTheScriptToSwapIn() throws Exception {
    String jobId = newJobId("RO");
    publish(vehicleAt(jobId, Stage.QUALITY_CHECK, 6, "Road test done"));
    String token = awaitVersion(jobId, 6);

    HttpResponse<String> fragment = get("/track/" + token + "/progress", "en");

    assertThat(fragment.statusCode()).isEqualTo(200);
    assertThat(fragment.body().strip())
        .startsWith("<section class=\"progress\"")
        .contains("data-version=\"6\"")
        .contains("data-announce=\"Update: Quality check\"")
        .contains("<li data-stage=\"QUALITY_CHECK\" data-state=\"current\" aria-current=\"step\">")
        .contains("Road test done")
        .doesNotContain("<html")
        .doesNotContain("<script");
    assertThat(fragment.headers().firstValue("Cache-Control")).hasValue("no-store");
    String page = get("/track/" + token, "en").body();
    assertThat(page).contains(fragment.body().strip());
  }

  @Test
  void aSpanishCustomersPageIsInSpanishInTheirTimeZoneWhateverTheBrowserAsks() throws Exception {
    String jobId = newJobId("RO-ES");
    publish(vehicleAt(jobId, Stage.WAITING_FOR_PARTS, 3, null));
    awaitVersion(jobId, 3);
    publish(
        contactChanged(
            jobId,
            Journey.VEHICLE_SERVICE,
            Stage.WAITING_FOR_PARTS,
            "event-es-" + jobId,
            1L,
            Fixtures.MORNING,
            newPhone(),
            "es-US"));
    await()
        .atMost(KAFKA)
        .until(() -> !rows("SELECT 1 FROM contacts WHERE job_id = ?", jobId).isEmpty());

    String page = get("/track/" + trackingToken(ACME, jobId), "en-US").body();

    assertThat(page)
        .contains("<html lang=\"es-US\">")
        .contains("Su vehículo")
        .contains("Esperando piezas")
        .contains("Pendiente")
        .contains("data-live=\"En vivo\"")
        // Fixtures' customer is in Chicago: the promise, 4 PM UTC, is 10 a.m. there.
        .contains("datetime=\"2026-11-24T10:00:00-06:00\"")
        .doesNotContain("Your vehicle");
  }

  @Test
  void theViewPushedToASpanishCustomersPageNamesStagesInSpanish() throws Exception {
    String jobId = newJobId("RO-ES");
    publish(vehicleAt(jobId, Stage.WAITING_FOR_PARTS, 3, null));
    String token = awaitVersion(jobId, 3);
    publish(
        contactChanged(
            jobId,
            Journey.VEHICLE_SERVICE,
            Stage.WAITING_FOR_PARTS,
            "event-es-" + jobId,
            1L,
            Fixtures.MORNING,
            newPhone(),
            "es-US"));
    await()
        .atMost(KAFKA)
        .until(() -> !rows("SELECT 1 FROM contacts WHERE job_id = ?", jobId).isEmpty());
    LivePushIntegrationTests.Frames frames = new LivePushIntegrationTests.Frames();
    session =
        stomp.connectAsync("ws://localhost:" + port + "/ws", frames).get(10, TimeUnit.SECONDS);
    StompSubscriptions.subscribeAndAwait(session, broker, "/topic/track/" + token, frames);

    publish(vehicleAt(jobId, Stage.IN_REPAIR, 4, null));

    JsonNode view = WireCodec.MAPPER.readTree(frames.nextMessage());
    assertThat(view.get("version").asLong()).isEqualTo(4);
    assertThat(view.get("stageLabel").asString()).isEqualTo("En reparación");
    assertThat(view.get("stages").get(0).get("label").asString()).isEqualTo("Recibido");
  }

  @Test
  void theDealersNameAndPhoneAreThereToCall() throws Exception {
    String jobId = newJobId("RO");
    String shop = placeOfOurOwn();
    publish(at(shop, vehicleAt(jobId, Stage.DIAGNOSING, 2, null)));
    String token = awaitVersion(jobId, 2);

    String page = get("/track/" + token, "en").body();

    assertThat(page)
        .contains("Acme Motors Elm Street")
        .contains(
            "<a class=\"call\" id=\"call\" href=\"tel:+13125550100\">Call +1 312-555-0100</a>")
        .contains("742 Evergreen Terrace");
  }

  /** A new place of acme-motors with a name, phone and address, no other test's. */
  static String placeOfOurOwn() {
    String location = newJobId("elm-street");
    execute(
        "INSERT INTO locations (tenant_id, location_id, name, phone, address) VALUES (?, ?,"
            + " 'Acme Motors Elm Street', '+13125550100', '742 Evergreen Terrace')",
        ACME,
        location);
    return location;
  }

  /** The same board update at another of the tenant's places. */
  static BoardUpdate at(String location, BoardUpdate update) {
    return new BoardUpdate(
        update.tenantId(),
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
        update.alerts(),
        update.promiseKept());
  }

  @Test
  void theTokenIsNeitherCachedNorPassedOnAndOnlyOurOwnScriptsRun() throws Exception {
    String jobId = newJobId("RO");
    publish(vehicleAt(jobId, Stage.CHECKED_IN, 1, null));
    String token = awaitVersion(jobId, 1);

    for (String path : List.of("/track/" + token, "/track/" + token + "/progress")) {
      HttpResponse<String> answer = get(path, "en");

      assertThat(answer.headers().allValues("Cache-Control")).containsExactly("no-store");
      assertThat(answer.headers().allValues("Referrer-Policy")).containsExactly("no-referrer");
      assertThat(answer.headers().allValues("Content-Security-Policy"))
          .singleElement()
          .satisfies(
              policy ->
                  assertThat(policy)
                      .contains("script-src 'self'")
                      .contains("style-src 'self'")
                      .contains("connect-src 'self'")
                      .doesNotContain("unsafe-inline"));
    }
  }

  @Test
  void anUnknownTokenGetsAFriendlyNotFoundPage() throws Exception {
    HttpResponse<String> page = get("/track/this-token-does-not-exist", "en");
    HttpResponse<String> fragment = get("/track/this-token-does-not-exist/progress", "en");

    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.body()).contains("We could not find this tracking link").contains("<main");
    assertThat(page.headers().allValues("Cache-Control")).containsExactly("no-store");
    assertThat(fragment.statusCode()).isEqualTo(404);
    assertThat(fragment.body()).contains("data-closed").doesNotContain("<html");
  }

  @Test
  void fourteenDaysAfterTheJobClosedTheLinkOnlySaysItIsClosedAndLiveUpdatesAreRefused()
      throws Exception {
    Instant now = Instant.now();
    String oldJob = newJobId("RO");
    String recentJob = newJobId("RO");
    publish(collected(oldJob, now.minus(Duration.ofDays(15)), "Keys at the front desk"));
    publish(collected(recentJob, now.minus(Duration.ofDays(13)), "Keys at the front desk"));
    String oldToken = awaitVersion(oldJob, 8);
    String recentToken = awaitVersion(recentJob, 8);

    HttpResponse<String> closed = get("/track/" + oldToken, "en");
    HttpResponse<String> closedFragment = get("/track/" + oldToken + "/progress", "en");
    HttpResponse<String> recent = get("/track/" + recentToken, "en");

    assertThat(closed.statusCode()).isEqualTo(200);
    assertThat(closed.body())
        .contains("This job is closed")
        .contains("Acme Motors")
        .doesNotContain(oldJob)
        .doesNotContain("Keys at the front desk")
        .doesNotContain("Collected")
        .doesNotContain("track.js");
    assertThat(closed.headers().allValues("Cache-Control")).containsExactly("no-store");
    assertThat(closedFragment.statusCode()).isEqualTo(200);
    assertThat(closedFragment.body())
        .contains("data-closed")
        .doesNotContain("Keys at the front desk")
        .doesNotContain("data-version");
    assertThat(recent.body()).contains(recentJob).contains("Keys at the front desk");

    LivePushIntegrationTests.Frames frames = new LivePushIntegrationTests.Frames();
    session =
        stomp.connectAsync("ws://localhost:" + port + "/ws", frames).get(10, TimeUnit.SECONDS);
    session.subscribe("/topic/track/" + oldToken, frames);
    assertThat(frames.refusal())
        .containsAnyOf("no job is tracked", LivePushIntegrationTests.Frames.CLOSED_WITHOUT_ERROR);
  }

  @Test
  void thePageScriptsAreServedWithoutLogin() throws Exception {
    assertThat(httpGet("/js/track.js", null).body()).contains("MilepostLive.follow");
    assertThat(httpGet("/js/live.js", null).statusCode()).isEqualTo(200);
    assertThat(httpGet("/css/track.css", null).statusCode()).isEqualTo(200);
    assertThat(httpGet("/webjars/stomp__stompjs/bundles/stomp.umd.min.js", null).statusCode())
        .isEqualTo(200);
  }

  /** A vehicle collected at {@code at}, with the stages before it a day earlier. */
  private static BoardUpdate collected(String jobId, Instant at, String note) {
    List<TimelineEntry> timeline = new ArrayList<>();
    for (Stage stage : Journey.VEHICLE_SERVICE.stages()) {
      timeline.add(
          new TimelineEntry(stage, stage == Stage.COLLECTED ? at : at.minus(Duration.ofDays(1))));
    }
    return new BoardUpdate(
        ACME,
        SPRINGFIELD,
        jobId,
        Journey.VEHICLE_SERVICE,
        Stage.COLLECTED,
        8,
        null,
        at,
        null,
        null,
        note,
        timeline,
        null,
        null,
        null);
  }

  private String awaitVersion(String jobId, long version) {
    await()
        .atMost(KAFKA)
        .until(
            () ->
                rows("SELECT version FROM jobs WHERE tenant_id = ? AND job_id = ?", ACME, jobId)
                    .stream()
                    .anyMatch(row -> ((Number) row.get("version")).longValue() == version));
    return trackingToken(ACME, jobId);
  }

  private HttpResponse<String> get(String path, String language) throws Exception {
    return http.send(
        HttpRequest.newBuilder(local(path)).header("Accept-Language", language).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
