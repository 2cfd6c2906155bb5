package io.milepost.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser's HTTP side without the browser: a cookie jar (the session), the CSRF token of the page
 * last read, and forms posted as a browser posts them. For page tests that need no script.
 */
final class FormSession {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final CookieManager cookies = new CookieManager();
  private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
  private final String baseUrl;
  private String csrf;

  FormSession(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** Signs in through the login form; fails the test unless it worked. */
  static FormSession signedIn(String baseUrl, String username, String password) throws Exception {
    FormSession session = new FormSession(baseUrl);
    HttpResponse<String> response =
        session.post("/login", Map.of("username", username, "password", password));
    assertThat(response.headers().firstValue("Location").orElse(""))
        .as("signing in as %s", username)
        .doesNotContain("/login");
    return session;
  }

  /** GETs a page and remembers its CSRF token, as the page's forms would carry it. */
  HttpResponse<String> get(String path) throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create(baseUrl + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher matcher = CSRF.matcher(response.body());
    if (matcher.find()) {
      csrf = matcher.group(1);
    }
    return response;
  }

  /** Posts a form with the CSRF token of the page last read (reading /login first if none). */
  HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
    if (csrf == null) {
      get("/login");
    }
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.put("_csrf", csrf);
    return postWithout(path, all);
  }

  /** Posts exactly these fields: no CSRF token unless they hold one. */
  HttpResponse<String> postWithout(String path, Map<String, String> fields) throws Exception {
    String form =
        fields.entrySet().stream()
            .map(
                field ->
                    URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return client.send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The session's cookies as a Cookie header: what the pages' WebSocket (/ws) sends. */
  String cookieHeader() {
    return cookies.getCookieStore().get(URI.create(baseUrl)).stream()
        .map(java.net.HttpCookie::toString)
        .collect(Collectors.joining("; "));
  }
}
