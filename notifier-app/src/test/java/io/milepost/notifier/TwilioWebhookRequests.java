package io.milepost.notifier;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Webhook requests as Twilio sends them: a form, signed for the public URL Twilio called. */
final class TwilioWebhookRequests {
  private TwilioWebhookRequests() {}

  /**
   * POSTs {@code form} to {@code local}, signed with {@code authToken} for {@code publicUrl} (what
   * Twilio calls: the app behind its public base URL).
   */
  static HttpResponse<String> post(
      HttpClient http, URI local, String publicUrl, Map<String, String> form, String authToken)
      throws Exception {
    Map<String, String> sorted = new TreeMap<>(form);
    String body =
        sorted.entrySet().stream()
            .map(
                entry ->
                    URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return http.send(
        HttpRequest.newBuilder(local)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Twilio-Signature", sign(publicUrl, sorted, authToken))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Twilio's algorithm: HMAC-SHA1 of the URL followed by each sorted name and value. */
  static String sign(String url, Map<String, String> sortedForm, String authToken)
      throws Exception {
    StringBuilder data = new StringBuilder(url);
    sortedForm.forEach((name, value) -> data.append(name).append(value));
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    return Base64.getEncoder()
        .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
  }
}
