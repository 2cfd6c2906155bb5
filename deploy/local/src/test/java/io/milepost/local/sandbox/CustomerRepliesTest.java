package io.milepost.local.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.twilio.security.RequestValidator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A reply typed on the messages page reaches the inbound webhook as Twilio would send it. */
class CustomerRepliesTest {
  private static final String ACCOUNT = "AC" + "0123456789abcdef".repeat(2);
  private static final String TOKEN = "reply-token-" + System.nanoTime();

  private HttpServer notifier;
  private TwilioSandbox sandbox;
  private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
  private final List<String> signatures = new CopyOnWriteArrayList<>();
  private URI inbound;

  @BeforeEach
  void start() throws IOException {
    notifier = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
    notifier.createContext(
        "/webhooks/twilio/inbound",
        exchange -> {
          try (exchange) {
            received.add(
                FormData.parse(
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            signatures.add(exchange.getRequestHeaders().getFirst("X-Twilio-Signature"));
            byte[] twiml =
                ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>Acme Motors: texts"
                        + " about your service. Reply STOP to stop &amp; START to resume."
                        + "</Message></Response>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/xml");
            exchange.sendResponseHeaders(200, twiml.length);
            exchange.getResponseBody().write(twiml);
          }
        });
    notifier.start();
    inbound =
        URI.create(
            "http://127.0.0.1:" + notifier.getAddress().getPort() + "/webhooks/twilio/inbound");
    sandbox =
        new TwilioSandbox(
            new SandboxSettings(
                0, ACCOUNT, TOKEN, Duration.ofMillis(50), Duration.ofMillis(50), Set.of(), inbound),
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    sandbox.close();
    notifier.stop(0);
  }

  @Test
  void aReplyFromThePageIsSignedAsTwilioSignsAndItsAnswerShowsOnThePage() throws Exception {
    HttpResponse<String> posted =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/reply"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "phone=%2B14155550123&sender=%2B15005550006&body=HELP"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(posted.statusCode()).isEqualTo(303);
    assertThat(received)
        .singleElement()
        .satisfies(
            form -> {
              assertThat(form)
                  .containsEntry("From", "+14155550123")
                  .containsEntry("To", "+15005550006")
                  .containsEntry("Body", "HELP")
                  .containsEntry("AccountSid", ACCOUNT);
              assertThat(form.get("MessageSid")).startsWith("SM").hasSize(34);
              assertThat(
                      new RequestValidator(TOKEN)
                          .validate(inbound.toString(), form, signatures.get(0)))
                  .as("what the notifier's RequestValidator checks")
                  .isTrue();
            });
    String page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(page)
        .contains("HELP")
        .contains(
            "answered: Acme Motors: texts about your service. Reply STOP to stop &amp; START");
  }
}
