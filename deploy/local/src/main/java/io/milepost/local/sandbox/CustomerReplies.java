package io.milepost.local.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person answers as the customer: the messages page posts here what they typed for a phone, and
 * the sandbox delivers it to the notifier's inbound webhook as Twilio would (a form signed with the
 * auth token for the webhook's URL). What the notifier answers in TwiML is texted back to the
 * phone, as Twilio does, and shows on the page beside the reply.
 */
final class CustomerReplies implements HttpHandler {
  private static final Pattern TWIML_MESSAGE =
      Pattern.compile("<Message[^>]*>(?:<Body>)?(.*?)(?:</Body>)?</Message>", Pattern.DOTALL);

  private final MessageStore store;
  private final SandboxSettings settings;
  private final Clock clock;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  CustomerReplies(MessageStore store, SandboxSettings settings, Clock clock) {
    this.store = store;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      Map<String, String> form =
          FormData.parse(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      String phone = form.getOrDefault("phone", "");
      String sender = form.getOrDefault("sender", "");
      String body = form.getOrDefault("body", "");
      if (!phone.startsWith("+") || sender.isBlank() || body.isBlank()) {
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      deliver(phone, sender, body);
      exchange.getResponseHeaders().set("Location", "/");
      exchange.sendResponseHeaders(303, -1);
    }
  }

  /** Posts one inbound message to the notifier and texts its TwiML answer, if any, to the phone. */
  void deliver(String phone, String sender, String body) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("AccountSid", settings.accountSid());
    params.put("MessageSid", "SM" + HexFormat.of().formatHex(randomBytes()));
    params.put("From", phone);
    params.put(sender.startsWith("MG") ? "MessagingServiceSid" : "To", sender);
    if (sender.startsWith("MG")) {
      params.put("To", "+15005550006");
    }
    params.put("Body", body);
    params.put("NumMedia", "0");
    String url = settings.inboundUrl().toString();
    store.addReply(
        new SandboxReply(phone, sender, body, clock.instant(), deliveredTo(url, params)));
  }

  private String deliveredTo(String url, Map<String, String> params) {
    String form =
        params.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    try {
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(settings.inboundUrl())
                  .timeout(Duration.ofSeconds(15))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .header(
                      "X-Twilio-Signature", TwilioSignature.sign(url, params, settings.authToken()))
                  .POST(HttpRequest.BodyPublishers.ofString(form))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        return "the notifier answered HTTP " + answer.statusCode();
      }
      Matcher message = TWIML_MESSAGE.matcher(answer.body());
      return message.find() ? unescape(message.group(1)) : null;
    } catch (IOException e) {
      return "the notifier could not be reached at " + url + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private static String unescape(String xml) {
    return xml.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[16];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }
}
