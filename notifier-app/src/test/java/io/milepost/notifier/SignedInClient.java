package io.milepost.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
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
 * A person signed in through the login form, as a browser is: a session cookie, and the CSRF token
 * the pages carry for every POST. For tests that read pages and post forms without a browser.
 */
final class SignedInClient {
  private static final Pattern FORM_CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final Pattern META_CSRF =
      Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

  private final CookieManager cookies = new CookieManager();
  private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
  private final String base;

  private SignedInClient(String base) {
    this.base = base;
  }

  static SignedInClient signIn(int port, String username, String password) throws Exception {
    SignedInClient client = new SignedInClient("http://localhost:" + port);
    Matcher token = FORM_CSRF.matcher(client.get("/login").body());
    assertThat(token.find()).as("the login form's CSRF token").isTrue();
    HttpResponse<String> login =
        client.post(
            "/login", Map.of("username", username, "password", password, "_csrf", token.group(1)));
    assertThat(login.headers().firstValue("Location").orElse(""))
        .as("signed in as " + username)
        .doesNotContain("error");
    return client;
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** POSTs a form with the CSRF token of {@code page} (any page of the session carries one). */
  HttpResponse<String> postForm(String path, Map<String, String> form, String page)
      throws Exception {
    Matcher token = META_CSRF.matcher(page);
    assertThat(token.find()).as("a CSRF token on the page").isTrue();
    Map<String, String> withToken = new LinkedHashMap<>(form);
    withToken.put("_csrf", token.group(1));
    return post(path, withToken);
  }

  HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The session cookie, as a Cookie header: what a page's WebSocket sends. */
  String cookieHeader() {
    return cookies.getCookieStore().get(URI.create(base)).stream()
        .map(HttpCookie::toString)
        .collect(Collectors.joining("; "));
  }
}
