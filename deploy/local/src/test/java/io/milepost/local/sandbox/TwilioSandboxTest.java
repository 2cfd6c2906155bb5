package io.milepost.local.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import com.twilio.base.ResourceSet;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.security.RequestValidator;
import com.twilio.type.PhoneNumber;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TwilioSandboxTest {
  private static final String ACCOUNT = "AC" + "0123456789abcdef".repeat(2);
  private static final String TOKEN = "test-token-" + System.nanoTime();
  private static final PhoneNumber FROM = new PhoneNumber("+15005550006");
  private static final String SWITCHED_OFF = "+12175550188";

  private TwilioSandbox sandbox;
  private TwilioRestClient client;
  private HttpServer webhook;
  private final List<Callback> callbacks = new CopyOnWriteArrayList<>();

  private record Callback(String signature, Map<String, String> params) {}

  @BeforeEach
  void start() throws IOException {
    sandbox =
        new TwilioSandbox(
            new SandboxSettings(
                0,
                ACCOUNT,
                TOKEN,
                Duration.ofMillis(50),
                Duration.ofMillis(50),
                Set.of(SWITCHED_OFF)),
            Clock.systemUTC());
    client = clientWith(TOKEN);
    webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
    webhook.createContext(
        "/webhooks/twilio/status",
        exchange -> {
          try (exchange) {
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            callbacks.add(
                new Callback(
                    exchange.getRequestHeaders().getFirst("X-Twilio-Signature"),
                    FormData.parse(body)));
            exchange.sendResponseHeaders(204, -1);
          }
        });
    webhook.start();
  }

  @AfterEach
  void stop() {
    webhook.stop(0);
    sandbox.close();
  }

  private TwilioRestClient clientWith(String token) {
    return new TwilioRestClient.Builder(ACCOUNT, token)
        .httpClient(new SandboxHttpClient(sandbox.baseUrl()))
        .build();
  }

  private String callbackUrl(long notificationId) {
    return "http://127.0.0.1:"
        + webhook.getAddress().getPort()
        + "/webhooks/twilio/status/"
        + notificationId;
  }

  private Message send(String to, String body) {
    return Message.creator(new PhoneNumber(to), FROM, body)
        .setStatusCallback(callbackUrl(1))
        .create(client);
  }

  @Test
  void shouldAcceptAMessageAsTwilioDoes() {
    Message message = send("+12175550123", "Your vehicle is ready. We are open until 6 pm.");

    assertThat(message.getSid()).matches("SM[0-9a-f]{32}");
    assertThat(message.getStatus()).isEqualTo(Message.Status.QUEUED);
    assertThat(message.getAccountSid()).isEqualTo(ACCOUNT);
    assertThat(message.getTo()).isEqualTo("+12175550123");
    assertThat(message.getFrom()).isEqualTo(FROM);
    assertThat(message.getBody()).isEqualTo("Your vehicle is ready. We are open until 6 pm.");
    assertThat(message.getNumSegments()).isEqualTo("1");
    assertThat(message.getDateCreated()).isNotNull();
    assertThat(message.getDateSent()).isNull();
  }

  @Test
  void shouldCountSegmentsLikeACarrier() {
    assertThat(send("+12175550123", "x".repeat(161)).getNumSegments()).isEqualTo("2");
    assertThat(send("+12175550123", "Ihr Auto ist fertig ✅").getNumSegments()).isEqualTo("1");
    assertThat(send("+12175550123", "✅".repeat(71)).getNumSegments()).isEqualTo("2");
  }

  @Test
  void shouldAnswerSenderlessMessagesOfAMessagingServiceWithAccepted() {
    Message message =
        Message.creator(
                new PhoneNumber("+12175550123"), "MG" + "0".repeat(32), "Parcel out for delivery")
            .create(client);

    assertThat(message.getStatus()).isEqualTo(Message.Status.ACCEPTED);
    assertThat(message.getMessagingServiceSid()).isEqualTo("MG" + "0".repeat(32));
  }

  @Test
  void shouldRefuseAnInvalidNumberWithTwiliosErrorCode() {
    assertThatThrownBy(() -> send("+1555", "hello"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(21211);
              assertThat(e.getStatusCode()).isEqualTo(400);
              assertThat(e.getMoreInfo()).isEqualTo("https://www.twilio.com/docs/errors/21211");
            });
    assertThatThrownBy(() -> send("+15005550009", "hello"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21614));
    assertThat(sandbox.messages().newestFirst()).isEmpty();
  }

  @Test
  void shouldRefuseAWrongAuthToken() {
    assertThatThrownBy(
            () ->
                Message.creator(new PhoneNumber("+12175550123"), FROM, "hello")
                    .create(clientWith("not-the-token")))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(401);
              assertThat(e.getCode()).isEqualTo(20003);
            });
    assertThat(sandbox.messages().newestFirst()).isEmpty();
  }

  @Test
  void shouldReportSentThenDeliveredToTheStatusCallbackSignedWithTheAuthToken() {
    Message message = send("+12175550123", "Your vehicle is in repair");

    await().atMost(Duration.ofSeconds(10)).until(() -> callbacks.size() >= 2);
    RequestValidator validator = new RequestValidator(TOKEN);
    assertThat(callbacks)
        .extracting(callback -> callback.params().get("MessageStatus"))
        .containsExactly("sent", "delivered");
    for (Callback callback : callbacks) {
      assertThat(callback.params())
          .containsEntry("MessageSid", message.getSid())
          .containsEntry("AccountSid", ACCOUNT)
          .containsEntry("To", "+12175550123")
          .containsEntry("From", "+15005550006")
          .doesNotContainKey("ErrorCode");
      assertThat(validator.validate(callbackUrl(1), callback.params(), callback.signature()))
          .as("signature of the %s callback", callback.params().get("MessageStatus"))
          .isTrue();
      assertThat(
              new RequestValidator("another-token")
                  .validate(callbackUrl(1), callback.params(), callback.signature()))
          .isFalse();
    }
    Message fetched = Message.fetcher(message.getSid()).fetch(client);
    assertThat(fetched.getStatus()).isEqualTo(Message.Status.DELIVERED);
    assertThat(fetched.getDateSent()).isNotNull();
  }

  @Test
  void shouldReportUndeliveredWithAnErrorCodeForAPhoneThatIsOff() {
    send(SWITCHED_OFF, "Your parcel is out for delivery");

    await().atMost(Duration.ofSeconds(10)).until(() -> callbacks.size() >= 2);
    assertThat(callbacks.get(1).params())
        .containsEntry("MessageStatus", "undelivered")
        .containsEntry("ErrorCode", "30003");
  }

  @Test
  void shouldListMessagesFilteredByRecipientAndSendTimeAcrossPages() {
    ZonedDateTime before = ZonedDateTime.now().minusSeconds(5);
    for (int i = 1; i <= 5; i++) {
      send("+12175550101", "update " + i);
    }
    send("+13095550102", "someone else");

    ResourceSet<Message> read =
        Message.reader()
            .setTo(new PhoneNumber("+12175550101"))
            .setDateSentAfter(before)
            .pageSize(2)
            .read(client);
    List<String> bodies =
        StreamSupport.stream(read.spliterator(), false).map(Message::getBody).toList();

    assertThat(bodies)
        .containsExactlyInAnyOrder("update 1", "update 2", "update 3", "update 4", "update 5");
    assertThat(
            Message.reader()
                .setTo(new PhoneNumber("+12175550101"))
                .setDateSentAfter(ZonedDateTime.now().plusHours(1))
                .read(client))
        .isEmpty();
  }

  @Test
  void shouldStartForEmbeddersOnAFreePortWithTheirCredentials() throws IOException {
    try (TwilioSandbox embedded = TwilioSandbox.start(0, ACCOUNT, "embedder-token")) {
      TwilioRestClient embedderClient =
          new TwilioRestClient.Builder(ACCOUNT, "embedder-token")
              .httpClient(new SandboxHttpClient(embedded.baseUrl()))
              .build();

      Message message =
          Message.creator(new PhoneNumber("+12175550123"), FROM, "hello").create(embedderClient);

      assertThat(embedded.port()).isNotEqualTo(sandbox.port());
      assertThat(Message.fetcher(message.getSid()).fetch(embedderClient).getBody())
          .isEqualTo("hello");
    }
  }

  @Test
  void shouldAnswerAnUnknownMessageWithNotFound() {
    assertThatThrownBy(() -> Message.fetcher("SM" + "f".repeat(32)).fetch(client))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
  }

  @Test
  void shouldShowEveryMessageOnThePageGroupedByPhoneNewestFirst() throws Exception {
    send("+12175550101", "first <b>for</b> Dana");
    send("+13095550102", "only for Marcus");
    send("+12175550101", "second for Dana");

    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());

    String html = page.body();
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(html).contains("location.reload()"); // refreshes itself, not under a typed reply
    assertThat(html)
        .contains("action=\"/reply\"")
        .contains("name=\"phone\" value=\"+12175550101\"");
    assertThat(html).contains("first &lt;b&gt;for&lt;/b&gt; Dana").doesNotContain("<b>for</b>");
    assertThat(html.indexOf("+12175550101")).isLessThan(html.indexOf("+13095550102"));
    assertThat(html.indexOf("second for Dana")).isLessThan(html.indexOf("first &lt;b&gt;"));
  }
}
