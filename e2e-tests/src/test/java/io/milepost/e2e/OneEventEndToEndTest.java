package io.milepost.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.milepost.schemas.DeadLetterHeaders;
import io.milepost.schemas.JobKey;
import io.milepost.schemas.Topics;
import io.milepost.testing.KafkaBroker;
import java.io.IOException;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole thin path with real parts: a KRaft broker, the Flink job in a MiniCluster, the notifier
 * on a fresh PostgreSQL database, twilio-java talking to a local stub of Twilio's API, and a real
 * STOMP client. What a customer would notice is asserted: the SMS (To, Body, tracking link) and the
 * live update of the tracking page; what ops would notice too: the malformed event in the DLQ.
 */
class OneEventEndToEndTest {
  private static final String TENANT = Stack.TENANT;
  private static final String ACCOUNT_SID = Stack.ACCOUNT_SID;
  private static final String MESSAGES = Stack.MESSAGES;
  private static final String PHONE = "+14155550123";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static Stack stack;
  private static KafkaBroker kafka;
  private static WireMockServer twilio;
  private static ConfigurableApplicationContext notifier;
  private static int port;

  @BeforeAll
  static void startEverything() throws Exception {
    stack = Stack.start(Map.of());
    kafka = stack.kafka;
    twilio = stack.twilio;
    notifier = stack.notifier;
    port = stack.port;
  }

  @AfterAll
  static void stopEverything() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void anEventBecomesOneSmsAndOneLiveUpdateAndDuplicatesAndGarbageChangeNothing() throws Exception {
    String job = "RO-" + System.nanoTime();
    byte[] garbage = "{\"eventId\": \"evt-3\", \"tenantId\": ".getBytes(StandardCharsets.UTF_8);
    // Valid JSON, but PostgreSQL cannot store U+0000: once it stalled every customer behind it.
    byte[] nulInNote =
        ("{\"eventId\": \"evt-3b\", \"tenantId\": \""
                + TENANT
                + "\", \"locationId\":"
                + " \"springfield\", \"jobId\": \""
                + job
                + "\", \"journey\": \"vehicle-service\","
                + " \"stage\": \"AWAITING_APPROVAL\", \"occurredAt\": \"2026-11-24T08:40:00Z\","
                + " \"note\": \"x\\u0000y\"}")
            .getBytes(StandardCharsets.UTF_8);

    // 1. The job's first event: the customer learns of it by SMS, with a link to follow it.
    produce(job, "evt-1", "CHECKED_IN", "2026-11-24T08:02:11Z", true);
    List<LoggedRequest> first = awaitSmsCount(1);
    Map<String, String> firstSms = form(first.get(0));
    assertThat(firstSms.get("To")).isEqualTo(PHONE);
    String trackingUrl = jobDetails(job).get("trackingUrl").asString();
    String token = jobDetails(job).get("trackingToken").asString();
    assertThat(token).hasSizeGreaterThanOrEqualTo(22); // >= 128 bits, base64url
    assertThat(trackingUrl).isEqualTo("http://localhost:" + port + "/track/" + token);
    assertThat(firstSms.get("Body")).contains("checked in").contains(trackingUrl);

    // 2. The customer opens the page: a live subscription to the job's tracking topic.
    List<JsonNode> pushes = new CopyOnWriteArrayList<>();
    AtomicReference<Throwable> stompFailure = new AtomicReference<>();
    StompSession session = subscribe("/topic/track/" + token, pushes, stompFailure);
    try {
      // 3. The next stage: exactly one more SMS and exactly one live update.
      produce(job, "evt-2", "DIAGNOSING", "2026-11-24T08:20:00Z", false);
      List<LoggedRequest> afterSecond = awaitSmsCount(2);
      assertThat(form(afterSecond.get(1)).get("To")).isEqualTo(PHONE);
      assertThat(form(afterSecond.get(1)).get("Body")).containsIgnoringCase("diagnos");
      await().atMost(Duration.ofSeconds(60)).until(() -> !pushes.isEmpty());
      assertThat(pushes.get(0).get("stage").asString()).isEqualTo("DIAGNOSING");

      // 4. The same event again, then garbage, then the next real event of the same job. Events of
      // one job share a partition, so once the last one is through, the first two were handled.
      produce(job, "evt-2", "DIAGNOSING", "2026-11-24T08:20:00Z", false);
      kafka.send(Topics.OPS_EVENTS, JobKey.of(TENANT, job), garbage);
      kafka.send(Topics.OPS_EVENTS, JobKey.of(TENANT, job), nulInNote);
      produce(job, "evt-4", "WAITING_FOR_PARTS", "2026-11-24T09:10:00Z", false);

      List<LoggedRequest> sms = awaitSmsCount(3);
      assertThat(form(sms.get(2)).get("Body")).containsIgnoringCase("parts");
      await().atMost(Duration.ofSeconds(60)).until(() -> pushes.size() >= 2);
      assertThat(pushes)
          .extracting(push -> push.get("stage").asString())
          .containsExactly("DIAGNOSING", "WAITING_FOR_PARTS");
      assertThat(stompFailure.get()).isNull();
    } finally {
      session.disconnect();
    }

    // Nothing more for the duplicate: three events with new stages, three SMS, in all.
    assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))).hasSize(3);

    // The garbage and the unstorable note are on the dead-letter topic, byte for byte, saying why.
    List<ConsumerRecord<String, byte[]>> dead = kafka.read(Topics.OPS_EVENTS_DLQ, false, 2);
    assertThat(dead).hasSize(2);
    assertThat(dead.get(0).value()).isEqualTo(garbage);
    assertThat(KafkaBroker.header(dead.get(0), DeadLetterHeaders.REASON)).contains("not JSON");
    assertThat(KafkaBroker.header(dead.get(0), DeadLetterHeaders.SOURCE_TOPIC))
        .isEqualTo(Topics.OPS_EVENTS);
    assertThat(dead.get(1).value()).isEqualTo(nulInNote);
    assertThat(KafkaBroker.header(dead.get(1), DeadLetterHeaders.FIELD)).isEqualTo("/note");
  }

  private static void produce(
      String job, String eventId, String stage, String occurredAt, boolean withCustomer) {
    String customer =
        withCustomer
            ? """
            , "customer": {"name": "Dana Whitfield", "phone": "%s", "locale": "en-US",
                           "timeZone": "America/Los_Angeles"}
            """
                .formatted(PHONE)
            : "";
    String event =
        """
        {"eventId": "%s", "tenantId": "%s", "locationId": "springfield", "jobId": "%s",
         "journey": "vehicle-service", "stage": "%s", "occurredAt": "%s"%s}
        """
            .formatted(eventId, TENANT, job, stage, occurredAt, customer);
    kafka.send(Topics.OPS_EVENTS, JobKey.of(TENANT, job), event.getBytes(StandardCharsets.UTF_8));
  }

  private static List<LoggedRequest> awaitSmsCount(int count) {
    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES))).size() >= count);
    List<LoggedRequest> requests =
        twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES))).stream()
            .sorted((a, b) -> a.getLoggedDate().compareTo(b.getLoggedDate()))
            .toList();
    assertThat(requests).as("Twilio message requests").hasSize(count);
    return requests;
  }

  private static JsonNode jobDetails(String job) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/jobs/" + job))
                    .header("Authorization", "Bearer " + stack.apiKey)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static StompSession subscribe(
      String destination, List<JsonNode> received, AtomicReference<Throwable> failure)
      throws Exception {
    WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
    client.setMessageConverter(new StringMessageConverter());
    StompSession session =
        client
            .connectAsync(
                "ws://localhost:" + port + "/ws",
                new StompSessionHandlerAdapter() {
                  @Override
                  public void handleException(
                      StompSession s,
                      StompCommand command,
                      StompHeaders headers,
                      byte[] payload,
                      Throwable exception) {
                    failure.set(exception);
                  }

                  @Override
                  public void handleTransportError(StompSession s, Throwable exception) {
                    failure.set(exception);
                  }

                  @Override
                  public void handleFrame(StompHeaders headers, Object payload) {
                    failure.set(new AssertionError("STOMP error: " + headers + " " + payload));
                  }
                })
            .get(30, TimeUnit.SECONDS);
    session.subscribe(
        destination,
        new StompSessionHandlerAdapter() {
          @Override
          public Type getPayloadType(StompHeaders headers) {
            return String.class;
          }

          @Override
          public void handleFrame(StompHeaders headers, Object payload) {
            received.add(JSON.readTree((String) payload));
          }
        });
    // The simple broker sends no RECEIPT for SUBSCRIBE; ask it directly when the subscription is
    // registered, so no update can slip by before it.
    SimpleBrokerMessageHandler broker = notifier.getBean(SimpleBrokerMessageHandler.class);
    SimpMessageHeaderAccessor probe = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
    probe.setDestination(destination);
    var probeMessage = MessageBuilder.createMessage(new byte[0], probe.getMessageHeaders());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !broker.getSubscriptionRegistry().findSubscriptions(probeMessage).isEmpty());
    return session;
  }

  private static Map<String, String> form(LoggedRequest request) {
    Map<String, String> fields = new HashMap<>();
    for (String pair : request.getBodyAsString().split("&")) {
      int eq = pair.indexOf('=');
      fields.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return fields;
  }
}
