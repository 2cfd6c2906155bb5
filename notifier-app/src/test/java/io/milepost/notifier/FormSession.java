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
  private static final Pattern CSRF_META = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"");
  private static final Pattern CSRF_HEADER =
      Pattern.compile("name=\"_csrf_header\" content=\"([^\"]+)\"");
  private static final Pattern INPUT = Pattern.compile("<input([^>]*)>");
  private static final Pattern SELECT =
      Pattern.compile("<select([^>]*)>(.*?)</select>", Pattern.DOTALL);
  private static final Pattern SELECTED_OPTION =
      Pattern.compile("<option value=\"([^\"]*)\"[^>]*selected=\"selected\"");

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
    return postExactly(path, all);
  }

  /** Posts exactly these fields: no CSRF token unless they hold one. */
  HttpResponse<String> postExactly(String path, Map<String, String> fields) throws Exception {
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

  /** A JSON POST as the page's scripts send it: with the CSRF header the page names. */
  HttpResponse<String> postJson(String page, String path, String json) throws Exception {
    String html = get(page).body();
    return client.send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Content-Type", "application/json")
            .header(first(CSRF_HEADER, html), first(CSRF_META, html))
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The fields a form on the page would submit as they stand: inputs with their values (ticked
   * checkboxes only), selects with their selected option, the CSRF token.
   */
  static Map<String, String> formFields(String html) {
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher inputs = INPUT.matcher(html);
    while (inputs.find()) {
      String attributes = inputs.group(1);
      String name = attribute(attributes, "name");
      if (name == null) {
        continue;
      }
      String type = attribute(attributes, "type");
      if ("checkbox".equals(type) && !attributes.contains("checked")) {
        continue;
      }
      String value = attribute(attributes, "value");
      fields.put(name, value == null ? "" : unescape(value));
    }
    Matcher selects = SELECT.matcher(html);
    while (selects.find()) {
      String name = attribute(selects.group(1), "name");
      Matcher selected = SELECTED_OPTION.matcher(selects.group(2));
      if (name != null && selected.find()) {
        fields.put(name, selected.group(1));
      }
    }
    return fields;
  }

  private static String attribute(String attributes, String name) {
    Matcher m = Pattern.compile("\\s" + name + "=\"([^\"]*)\"").matcher(attributes);
    return m.find() ? m.group(1) : null;
  }

  private static String unescape(String html) {
    return html.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
  }

  private static String first(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    assertThat(m.find()).as("%s in the page", pattern).isTrue();
    return m.group(1);
  }
}
