package io.milepost.notifier;

import static io.milepost.notifier.Fixtures.ACME;
import static io.milepost.notifier.Fixtures.vehicleAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.milepost.schemas.JobKey;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Stage;
import io.milepost.schemas.Topics;
import io.milepost.schemas.WireCodec;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.ConnectionLostException;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import tools.jackson.databind.JsonNode;

/**
 * A real STOMP client over a real WebSocket: what a tracking page and a dealer board receive, and
 * what they are refused.
 */
class LivePushIntegrationTests extends NotifierIntegrationTest {
  private final WebSocketStompClient stomp =
      new WebSocketStompClient(new StandardWebSocketClient());
  private StompSession session;
  @Autowired private SimpleBrokerMessageHandler broker;

  LivePushIntegrationTests() {
    stomp.setMessageConverter(new StringMessageConverter());
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
    await().atMost(Duration.ofSeconds(45)).until(() -> trackingToken(ACME, jobId) != null);
    String token = trackingToken(ACME, jobId);
    Frames frames = connect(null);
    subscribe("/topic/track/" + token, frames);

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
  void anOlderVersionIsDroppedAndNotPushed() throws Exception {
    String jobId = newJobId("RO");
    publish(vehicleAt(jobId, Stage.DIAGNOSING, 2, null));
    await().atMost(Duration.ofSeconds(45)).until(() -> trackingToken(ACME, jobId) != null);
    Frames frames = connect(null);
    subscribe("/topic/track/" + trackingToken(ACME, jobId), frames);

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
    await().atMost(Duration.ofSeconds(45)).until(() -> trackingToken(ACME, jobId) != null);
    Frames frames = connect(null);
    subscribe("/topic/track/" + trackingToken(ACME, jobId), frames);
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
    Frames frames = connect(null);

    session.subscribe("/topic/track/no-such-token-AAAAAAAAAAAAAAAAAAAA", frames);

    assertThat(frames.error()).contains("no job is tracked");
  }

  @Test
  void aDealerReceivesTheirOwnBoardButIsRefusedAnotherTenantsBoard() throws Exception {
    Frames own = connect(basicAuth("dana-dealer", "dealer-password"));
    subscribe("/topic/board/acme-motors/springfield", own);
    String jobId = newJobId("RO");

    publish(vehicleAt(jobId, Stage.WAITING_FOR_PARTS, 1, null));

    JsonNode update = WireCodec.MAPPER.readTree(own.nextMessage());
    assertThat(update.get("jobId").asString()).isEqualTo(jobId);
    assertThat(update.get("stage").asString()).isEqualTo("WAITING_FOR_PARTS");

    // On a connection of its own: Spring closes the socket right after an ERROR frame, and an
    // ERROR queued behind a push in flight on the same socket can be dropped by that close.
    Frames foreign = connect(basicAuth("dana-dealer", "dealer-password"));
    session.subscribe("/topic/board/swift-parcels/depot-north", foreign);
    assertThat(foreign.error()).contains("not allowed");
  }

  @Test
  void aDealerIsRefusedTheSameLocationIdUnderAnotherTenant() throws Exception {
    // Dana works at acme-motors/springfield: only the tenant differs, so only its check refuses.
    Frames frames = connect(basicAuth("dana-dealer", "dealer-password"));

    session.subscribe("/topic/board/swift-parcels/springfield", frames);

    assertThat(frames.refusal()).containsAnyOf("not allowed", Frames.CLOSED_WITHOUT_ERROR);
  }

  @Test
  void anOpsUserWatchesEveryBoardOfTheirTenantAndNoBoardOfAnother() throws Exception {
    Frames own = connect(basicAuth("otto-ops", "ops-password"));
    subscribe("/topic/board/acme-motors/springfield", own);
    String jobId = newJobId("RO");
    publish(vehicleAt(jobId, Stage.CHECKED_IN, 1, null));
    assertThat(WireCodec.MAPPER.readTree(own.nextMessage()).get("jobId").asString())
        .isEqualTo(jobId);

    for (String foreign :
        new String[] {
          "/topic/board/swift-parcels/depot-north", "/topic/board/swift-parcels/springfield"
        }) {
      // One connection per refusal: Spring closes the socket after an ERROR frame.
      Frames refused = connect(basicAuth("otto-ops", "ops-password"));
      session.subscribe(foreign, refused);
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
    String ops = basicAuth("otto-ops", "ops-password");
    String dealer = basicAuth("dana-dealer", "dealer-password");
    for (Attempt attempt :
        new Attempt[] {
          new Attempt(null, "/topic/track/*"),
          new Attempt(null, "/topic/track/**"),
          new Attempt(dealer, "/topic/track/*"),
          new Attempt(ops, "/topic/board/acme-motors/*"),
          new Attempt(ops, "/topic/board/acme-motors/**"),
          new Attempt(ops, "/topic/board/acme-motors/{location}"),
          new Attempt(ops, "/topic/board/acme-motors/spring?ield"),
          new Attempt(dealer, "/topic/board/acme-motors/*")
        }) {
      Frames refused = connect(attempt.authorization());
      session.subscribe(attempt.destination(), refused);
      assertThat(refused.refusal())
          .as(attempt.destination())
          .containsAnyOf("not allowed", "no job", Frames.CLOSED_WITHOUT_ERROR);
    }
  }

  @Test
  void anAnonymousVisitorIsRefusedABoard() throws Exception {
    Frames frames = connect(null);

    session.subscribe("/topic/board/acme-motors/springfield", frames);

    assertThat(frames.error()).contains("not allowed");
  }

  /**
   * Subscribes and waits until the broker holds the subscription: STOMP has no reply to SUBSCRIBE
   * (the simple broker sends no receipts), and a push before that would be missed.
   */
  private void subscribe(String destination, Frames frames) {
    session.subscribe(destination, frames);
    SimpMessageHeaderAccessor probe = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
    probe.setDestination(destination);
    Message<byte[]> message = MessageBuilder.createMessage(new byte[0], probe.getMessageHeaders());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !broker.getSubscriptionRegistry().findSubscriptions(message).isEmpty());
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

    /** The ERROR frame's message; a dropped connection without one fails the test. */
    String error() throws Exception {
      try {
        return error.get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new AssertionError("no ERROR frame; client saw: " + failure.getNow(null), e);
      }
    }
  }
}
