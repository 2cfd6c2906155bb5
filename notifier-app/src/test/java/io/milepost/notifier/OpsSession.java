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
 * A person signed in through the login form over HTTP, as a browser without JavaScript would be:
 * cookies kept, forms posted with the CSRF token the page carries.
 */
final class OpsSession {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final Pattern CSRF_META = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"");
  private static final Pattern CSRF_HEADER =
      Pattern.compile("name=\"_csrf_header\" content=\"([^\"]+)\"");
  private static final Pattern INPUT = Pattern.compile("<input([^>]*)>");
  private static final Pattern SELECT =
      Pattern.compile("<select([^>]*)>(.*?)</select>", Pattern.DOTALL);
  private static final Pattern SELECTED_OPTION =
      Pattern.compile("<option value=\"([^\"]*)\"[^>]*selected=\"selected\"");

  private final String base;
  private final HttpClient client =
      HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

  private OpsSession(String base) {
    this.base = base;
  }

  static OpsSession signIn(String base, String username, String password) throws Exception {
    OpsSession session = new OpsSession(base);
    String token = first(CSRF, session.get("/login").body());
    HttpResponse<String> login =
        session.postForm(
            "/login", Map.of("username", username, "password", password, "_csrf", token));
    assertThat(login.statusCode()).isEqualTo(302);
    assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
    return session;
  }

  HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> postForm(String path, Map<String, String> form) throws Exception {
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return client.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A JSON POST as the page's scripts send it: with the CSRF header the page names. */
  HttpResponse<String> postJson(String page, String path, String json) throws Exception {
    String html = get(page).body();
    return client.send(
        HttpRequest.newBuilder(URI.create(base + path))
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
