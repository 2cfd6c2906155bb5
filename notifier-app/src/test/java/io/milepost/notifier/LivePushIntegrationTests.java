package io.milepost.notifier;

import static io.milepost.notifier.Fixtures.ACME;
import static io.milepost.notifier.Fixtures.vehicleAt;
import static io.milepost.notifier.Fixtures.withAlerts;
import static io.milepost.notifier.StompSubscriptions.subscribeAndAwait;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.milepost.notifier.customerevent.CustomerEvents;
import io.milepost.schemas.CustomerEvent;
import io.milepost.schemas.JobKey;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Stage;
import io.milepost.schemas.Topics;
import io.milepost.schemas.WireCodec;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.ConnectionLostException;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import tools.jackson.databind.JsonNode;

/**
 * A real STOMP client over a real WebSocket: what a tracking page and a dealer board receive, and
 * what they are refused.
 */
class LivePushIntegrationTests extends NotifierIntegrationTest {
  private static final String DEALER = basicAuth("dana-dealer", "dealer-password");
  private static final String OPS = basicAuth("otto-ops", "ops-password");

  private final WebSocketStompClient stomp =
      new WebSocketStompClient(new StandardWebSocketClient());
  private StompSession session;
  @Autowired private SimpleBrokerMessageHandler broker;
  @Autowired private CustomerEvents customerEvents;
  @Autowired private PlatformTransactionManager transactionManager;
  private TransactionTemplate transactions;

  LivePushIntegrationTests() {
    stomp.setMessageConverter(new StringMessageConverter());
  }

  @org.junit.jupiter.api.BeforeEach
  void transactions() {
    transactions = new TransactionTemplate(transactionManager);
  }

  @AfterEach
  void disconnect() {
    if (session != null && session.isConnected()) {
      try {
        session.disconnect();
      } catch (org.springframework.messaging.MessageDeliveryException e) {
        // The server closes the socket after an ERROR frame; the client may not have noticed yet.
      }
    }
    stomp.stop();
  }

  @Test
  void aTrackingPageSubscriberReceivesTheCustomerViewOfEachNewVersion() throws Exception {
    String jobId = newJobId("RO");
    publish(vehicleAt(jobId, Stage.CHECKED_IN, 1, null));
    Frames frames = trackingPageOf(jobId);

    publish(vehicleAt(jobId, Stage.IN_REPAIR, 4, "Brake pads replaced"));

    JsonNode view = WireCodec.MAPPER.readTree(frames.nextMessage());
    assertThat(view.get("jobRef").asString()).isEqualTo(jobId);
    assertThat(view.get("company").asString()).isEqualTo("Acme Motors");
    assertThat(view.get("stage").asString()).isEqualTo("IN_REPAIR");
    assertThat(view.get("stageLabel").asString()).isEqualTo("In repair");
    assertThat(view.get("version").asLong()).isEqualTo(4);
    assertThat(view.get("note").asString()).isEqualTo("Brake pads replaced");
    assertThat(view.get("stages").size()).isEqualTo(Journey.VEHICLE_SERVICE.stages().size());
    assertThat(view.get("stages").get(0).get("state").asString()).isEqualTo("done");
    assertThat(view.get("stages").get(Stage.IN_REPAIR.position()).get("state").asString())
        .isEqualTo("current");
    assertThat(view.get("stages").get(Stage.COLLECTED.position()).get("state").asString())
        .isEqualTo("upcoming");
    assertThat(view.has("tenantId")).isFalse();
    assertThat(view.has("locationId")).isFalse();
  }

  @Test
  void aCustomerEventReachesTheLocationsBoardThroughKafkaOnceCommitted() throws Exception {
    Frames board = connect(DEALER);
    subscribeAndAwait(session, broker, "/topic/board/acme-motors/springfield", board);
    CustomerEvent decision = decision(newJobId("RO"));

    transactions.executeWithoutResult(status -> customerEvents.record(decision));

    JsonNode pushed = WireCodec.MAPPER.readTree(board.nextMessage());
    assertThat(pushed.get("eventId").asString()).isEqualTo(decision.eventId());
    assertThat(pushed.get("decision").asString()).isEqualTo("APPROVED");
    List<String> onKafka = new ArrayList<>();
    for (var record : kafka.read(Topics.CUSTOMER_EVENTS, false, 100)) {
      onKafka.add(WireCodec.CUSTOMER_EVENT.decode(record.value()).eventId());
    }
    assertThat(onKafka).contains(decision.eventId());
  }

  @Test
  void aCustomerEventRecordedButNeverPublishedIsPublishedByTheSweep() throws Exception {
    Frames board = connect(DEALER);
    subscribeAndAwait(session, broker, "/topic/board/acme-motors/springfield", board);
    CustomerEvent decision = decision(newJobId("RO"));
    // As an instance leaves it that died between its commit and its send.
    execute(
        "INSERT INTO customer_events (event_id, tenant_id, record_key, payload) VALUES (?, ?, ?,"
            + " ?)",
        decision.eventId(),
        decision.tenantId(),
        decision.key(),
        WireCodec.CUSTOMER_EVENT.encode(decision));

    JsonNode pushed = WireCodec.MAPPER.readTree(board.nextMessage());
    assertThat(pushed.get("eventId").asString()).isEqualTo(decision.eventId());
    assertThat(
            rows("SELECT published_at FROM customer_events WHERE event_id = ?", decision.eventId()))
        .singleElement()
        .satisfies(row -> assertThat(row.get("published_at")).isNotNull());
  }

  private static CustomerEvent decision(String jobId) {
    return new CustomerEvent(
        "acme-motors/SM" + jobId,
        CustomerEvent.Kind.DECISION,
        "acme-motors",
        "springfield",
        jobId,
        1L,
        java.time.Instant.parse("2026-11-29T15:04:05Z"),
        CustomerEvent.Decision.APPROVED,
        null,
        null,
        "Yes",
        null);
  }

  @Test
  void openAlertsAndTheEtaReasonReachTheBoardTheTrackingPageAndTheJobsApi() throws Exception {
    String jobId = newJobId("RO");
    publish(vehicleAt(jobId, Stage.DIAGNOSING, 1, null));
    Frames tracking = trackingPageOf(jobId);
    StompSession trackingSession = session;
    Frames board = connect(DEALER);
    subscribeAndAwait(session, broker, "/topic/board/acme-motors/springfield", board);

    publish(withAlerts(vehicleAt(jobId, Stage.WAITING_FOR_PARTS, 2, null), 1));

    JsonNode view = WireCodec.MAPPER.readTree(tracking.nextMessage());
    assertThat(view.get("version").asLong()).isEqualTo(2);
    assertThat(view.get("etaReason").get("code").asString()).isEqualTo("TYPICAL_DURATION");
    assertThat(view.get("etaReason").get("minutes").asInt()).isEqualTo(1500);
    assertThat(view.get("alerts").size()).isEqualTo(2);
    assertThat(view.get("alerts").get(1).get("kind").asString()).isEqualTo("DELAY_RISK");
    assertThat(view.get("alerts").get(1).get("stage").asString()).isEqualTo("WAITING_FOR_PARTS");
    assertThat(view.get("alerts").get(1).get("occurrence").asInt()).isEqualTo(1);
    JsonNode update = nextUpdateOf(board, jobId);
    assertThat(update.get("version").asLong()).isEqualTo(2);
    assertThat(update.get("etaReason").get("code").asString()).isEqualTo("TYPICAL_DURATION");
    assertThat(update.get("alerts").get(0).get("kind").asString()).isEqualTo("STAGE_OVERRUN");
    assertThat(update.get("alerts").get(0).get("since").asString())
        .isEqualTo(vehicleAt(jobId, Stage.WAITING_FOR_PARTS, 2, null).occurredAt().toString());

    JsonNode listed = listedJob(jobId);
    assertThat(listed.get("etaReason").get("code").asString()).isEqualTo("TYPICAL_DURATION");
    assertThat(listed.get("alerts").get(1).get("kind").asString()).isEqualTo("DELAY_RISK");
    JsonNode one = WireCodec.MAPPER.readTree(httpGet("/api/v1/jobs/" + jobId, ACME_KEY).body());
    assertThat(one.get("alerts").size()).isEqualTo(2);
    assertThat(one.get("etaReason").get("stage").asString()).isEqualTo("WAITING_FOR_PARTS");
    assertThat(httpGet("/track/" + trackingToken(ACME, jobId) + "/progress", null).body())
        .contains("data-alert=\"DELAY_RISK\"")
        .contains("We expect to be later than promised.")
        .contains("Waiting for parts is taking longer than expected.")
        .contains("Waiting for parts usually takes about 25 hours.");
    trackingSession.disconnect();
  }

  @Test
  void anOlderVersionWithAlertsNeverReplacesANewerOneWithout() throws Exception {
    String jobId = newJobId("RO");
    publish(vehicleAt(jobId, Stage.IN_REPAIR, 4, null));
    Frames frames = trackingPageOf(jobId);

    publish(withAlerts(vehicleAt(jobId, Stage.WAITING_FOR_PARTS, 3, null), 1));
    publish(vehicleAt(jobId, Stage.QUALITY_CHECK, 5, null));

    // Same job, same partition, in order: version 3 was dropped, the first push is version 5.
    JsonNode view = WireCodec.MAPPER.readTree(frames.nextMessage());
    assertThat(view.get("version").asLong()).isEqualTo(5);
    assertThat(view.get("alerts").isEmpty()).isTrue();
    assertThat(view.get("etaReason").isNull()).isTrue();
    assertThat(rows("SELECT alerts::text AS alerts, eta_reason FROM jobs WHERE job_id = ?", jobId))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.get("alerts")).isEqualTo("[]");
              assertThat(row.get("eta_reason")).isNull();
            });
    JsonNode listed = listedJob(jobId);
    assertThat(listed.get("alerts").isEmpty()).isTrue();
    assertThat(listed.get("version").asLong()).isEqualTo(5);
  }

  @Test
  void anOlderVersionIsDroppedAndNotPushed() throws Exception {
    String jobId = newJobId("RO");
    publish(vehicleAt(jobId, Stage.DIAGNOSING, 2, null));
    Frames frames = trackingPageOf(jobId);

    publish(vehicleAt(jobId, Stage.CHECKED_IN, 1, null));
    publish(vehicleAt(jobId, Stage.IN_REPAIR, 3, null));

    // Same job, same partition, in order: the first push must already be version 3.
    JsonNode view = WireCodec.MAPPER.readTree(frames.nextMessage());
    assertThat(view.get("version").asLong()).isEqualTo(3);
    assertThat(rows("SELECT stage FROM jobs WHERE job_id = ?", jobId).get(0))
        .containsEntry("stage", "IN_REPAIR");
  }

  @Test
  void anUnreadableBoardUpdateIsSetAsideAndTheNextOneIsStillPushed() throws Exception {
    String jobId = newJobId("RO");
    publish(vehicleAt(jobId, Stage.CHECKED_IN, 1, null));
    Frames frames = trackingPageOf(jobId);
    byte[] wrongStage =
        WireCodec.BOARD_UPDATE
            .encodeToString(vehicleAt(jobId, Stage.DIAGNOSING, 2, null))
            .replace("\"stage\":\"DIAGNOSING\"", "\"stage\":\"IN_ORBIT\"")
            .getBytes(StandardCharsets.UTF_8);

    kafka.send(Topics.BOARD, JobKey.of(ACME, jobId), wrongStage);
    publish(vehicleAt(jobId, Stage.DIAGNOSING, 3, null));

    assertThat(WireCodec.MAPPER.readTree(frames.nextMessage()).get("version").asLong())
        .isEqualTo(3);
    assertThat(rows("SELECT reason FROM rejected_records WHERE payload = ?", wrongStage))
        .singleElement()
        .satisfies(row -> assertThat((String) row.get("reason")).contains("stage"));
  }

  @Test
  void pagesOfThePublicOriginMayConnectOthersMayNot() throws Exception {
    WebSocketHttpHeaders ours = new WebSocketHttpHeaders();
    ours.setOrigin(PUBLIC_BASE_URL);
    WebSocketHttpHeaders foreign = new WebSocketHttpHeaders();
    foreign.setOrigin("https://elsewhere.example");

    session = stomp.connectAsync(url(), ours, new Frames()).get(10, TimeUnit.SECONDS);
    assertThat(session.isConnected()).isTrue();
    assertThatThrownBy(
            () -> stomp.connectAsync(url(), foreign, new Frames()).get(10, TimeUnit.SECONDS))
        .rootCause()
        .hasMessageContaining("[403]");
  }

  @Test
  void subscribingToAnUnknownTrackingTokenGetsAnErrorFrame() throws Exception {
    Frames frames =
        subscribeOnANewConnection(null, "/topic/track/no-such-token-AAAAAAAAAAAAAAAAAAAA");

    assertThat(frames.refusal()).containsAnyOf("no job is tracked", Frames.CLOSED_WITHOUT_ERROR);
  }

  @Test
  void aDealerReceivesTheirOwnBoardButIsRefusedAnotherTenantsBoard() throws Exception {
    JsonNode update = pushOfANewJobOnAcmeSpringfield(DEALER, Stage.WAITING_FOR_PARTS);
    assertThat(update.get("stage").asString()).isEqualTo("WAITING_FOR_PARTS");

    // On a connection of its own: Spring closes the socket right after an ERROR frame, and an
    // ERROR queued behind a push in flight on the same socket can be dropped by that close.
    Frames foreign = subscribeOnANewConnection(DEALER, "/topic/board/swift-parcels/depot-north");
    assertThat(foreign.refusal()).containsAnyOf("not allowed", Frames.CLOSED_WITHOUT_ERROR);
  }

  @Test
  void aDealerIsRefusedTheSameLocationIdUnderAnotherTenant() throws Exception {
    // Dana works at acme-motors/springfield: only the tenant differs, so only its check refuses.
    Frames frames = subscribeOnANewConnection(DEALER, "/topic/board/swift-parcels/springfield");

    assertThat(frames.refusal()).containsAnyOf("not allowed", Frames.CLOSED_WITHOUT_ERROR);
  }

  @Test
  void anOpsUserWatchesEveryBoardOfTheirTenantAndNoBoardOfAnother() throws Exception {
    pushOfANewJobOnAcmeSpringfield(OPS, Stage.CHECKED_IN);

    for (String foreign :
        new String[] {
          "/topic/board/swift-parcels/depot-north", "/topic/board/swift-parcels/springfield"
        }) {
      Frames refused = subscribeOnANewConnection(OPS, foreign);
      assertThat(refused.refusal())
          .as(foreign)
          .containsAnyOf("not allowed", Frames.CLOSED_WITHOUT_ERROR);
    }
  }

  @Test
  void wildcardSubscriptionsAreRefusedEvenWithinWhatTheUserMaySee() throws Exception {
    // The simple broker matches subscriptions as Ant patterns: one SUBSCRIBE to a pattern would
    // receive every destination it matches, which the guard never saw.
    record Attempt(String authorization, String destination) {}
    for (Attempt attempt :
        new Attempt[] {
          new Attempt(null, "/topic/track/*"),
          new Attempt(null, "/topic/track/**"),
          new Attempt(DEALER, "/topic/track/*"),
          new Attempt(OPS, "/topic/board/acme-motors/*"),
          new Attempt(OPS, "/topic/board/acme-motors/**"),
          new Attempt(OPS, "/topic/board/acme-motors/{location}"),
          new Attempt(OPS, "/topic/board/acme-motors/spring?ield"),
          new Attempt(DEALER, "/topic/board/acme-motors/*")
        }) {
      Frames refused = subscribeOnANewConnection(attempt.authorization(), attempt.destination());
      assertThat(refused.refusal())
          .as(attempt.destination())
          .containsAnyOf("not allowed", "no job", Frames.CLOSED_WITHOUT_ERROR);
    }
  }

  @Test
  void anAnonymousVisitorIsRefusedABoard() throws Exception {
    Frames frames = subscribeOnANewConnection(null, "/topic/board/acme-motors/springfield");

    assertThat(frames.refusal()).containsAnyOf("not allowed", Frames.CLOSED_WITHOUT_ERROR);
  }

  /** The board's next push about this job, skipping pushes about other tests' jobs. */
  private static JsonNode nextUpdateOf(Frames board, String jobId) throws Exception {
    while (true) {
      JsonNode update = WireCodec.MAPPER.readTree(board.nextMessage());
      if (update.get("jobId").asString().equals(jobId)) {
        return update;
      }
    }
  }

  /** The job as {@code GET /api/v1/jobs} lists it to its tenant. */
  private JsonNode listedJob(String jobId) throws Exception {
    JsonNode list = WireCodec.MAPPER.readTree(httpGet("/api/v1/jobs?limit=1000", ACME_KEY).body());
    for (JsonNode job : list) {
      if (job.get("jobId").asString().equals(jobId)) {
        return job;
      }
    }
    throw new AssertionError("job " + jobId + " is not listed: " + list);
  }

  /** An anonymous tracking page of the job, subscribed once the job has its tracking token. */
  private Frames trackingPageOf(String jobId) throws Exception {
    await().atMost(Duration.ofSeconds(45)).until(() -> trackingToken(ACME, jobId) != null);
    Frames frames = connect(null);
    subscribeAndAwait(session, broker, "/topic/track/" + trackingToken(ACME, jobId), frames);
    return frames;
  }

  /**
   * What acme-motors/springfield's board shows this user when a new job enters {@code stage}: the
   * first push it receives, which must be that job's.
   */
  private JsonNode pushOfANewJobOnAcmeSpringfield(String authorization, Stage stage)
      throws Exception {
    Frames board = connect(authorization);
    subscribeAndAwait(session, broker, "/topic/board/acme-motors/springfield", board);
    String jobId = newJobId("RO");

    publish(vehicleAt(jobId, stage, 1, null));

    JsonNode update = WireCodec.MAPPER.readTree(board.nextMessage());
    assertThat(update.get("jobId").asString()).isEqualTo(jobId);
    return update;
  }

  /**
   * Subscribes on a connection of its own, without waiting: for subscriptions the server may
   * refuse, since Spring closes the socket after an ERROR frame.
   */
  private Frames subscribeOnANewConnection(String authorization, String destination)
      throws Exception {
    Frames frames = connect(authorization);
    session.subscribe(destination, frames);
    return frames;
  }

  private Frames connect(String authorization) throws Exception {
    WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
    if (authorization != null) {
      headers.add("Authorization", authorization);
    }
    Frames frames = new Frames();
    session = stomp.connectAsync(url(), headers, frames).get(10, TimeUnit.SECONDS);
    return frames;
  }

  private String url() {
    return "ws://localhost:" + port + "/ws";
  }

  private static String basicAuth(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Collects what the server sends, on the client's threads, for the test thread to await: the
   * STOMP guide's latch-and-reference pattern, with futures.
   */
  static final class Frames extends StompSessionHandlerAdapter implements StompFrameHandler {
    private final java.util.concurrent.LinkedBlockingQueue<String> messages =
        new java.util.concurrent.LinkedBlockingQueue<>();
    private final CompletableFuture<String> error = new CompletableFuture<>();
    private final CompletableFuture<Throwable> failure = new CompletableFuture<>();
    static final String CLOSED_WITHOUT_ERROR = "connection closed by the server, ERROR frame lost";

    @Override
    public Type getPayloadType(StompHeaders headers) {
      return String.class;
    }

    @Override
    public void handleFrame(StompHeaders headers, Object payload) {
      if (headers.getFirst("message") != null && headers.getFirst("subscription") == null) {
        error.complete(headers.getFirst("message"));
      } else {
        messages.add((String) payload);
      }
    }

    @Override
    public void handleException(
        StompSession session,
        StompCommand command,
        StompHeaders headers,
        byte[] payload,
        Throwable exception) {
      failure.complete(exception);
    }

    @Override
    public void handleTransportError(StompSession session, Throwable exception) {
      failure.complete(exception);
    }

    String nextMessage() throws InterruptedException {
      String message = messages.poll(45, TimeUnit.SECONDS);
      assertThat(message).as("a pushed message").isNotNull();
      return message;
    }

    /**
     * How the server refused a SUBSCRIBE: the ERROR frame's message or, when Spring's close of the
     * socket right after that frame overtook it (it can drop a frame still queued for sending),
     * {@link #CLOSED_WITHOUT_ERROR}. An accepted SUBSCRIBE gets neither, and this fails.
     */
    String refusal() throws Exception {
      try {
        Object first = CompletableFuture.anyOf(error, failure).get(10, TimeUnit.SECONDS);
        if (first instanceof String message) {
          return message;
        }
        if (first instanceof ConnectionLostException) {
          return CLOSED_WITHOUT_ERROR;
        }
        throw new AssertionError("the client failed: " + first, (Throwable) first);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new AssertionError("not refused: no ERROR frame and the connection stays open", e);
      }
    }
  }
}
