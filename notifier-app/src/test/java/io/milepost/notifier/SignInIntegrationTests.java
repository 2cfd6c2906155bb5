package io.milepost.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Signing in through the form: words from the bundles, CSRF, wrong passwords throttled. */
class SignInIntegrationTests extends NotifierIntegrationTest {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @Test
  void theSignInPageSpeaksTheBrowsersLanguageAndCarriesACsrfToken() throws Exception {
    HttpResponse<String> spanish =
        http.send(
            HttpRequest.newBuilder(local("/login"))
                .header("Accept-Language", "es-MX,es;q=0.9")
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(spanish.statusCode()).isEqualTo(200);
    assertThat(spanish.body()).contains("Iniciar sesión").contains("lang=\"es\"");
    assertThat(spanish.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self'");
    assertThat(CSRF.matcher(spanish.body()).find()).isTrue();
  }

  @Test
  void aPersonSignsInWithTheFormAndAPostWithoutItsCsrfTokenIsRefused() throws Exception {
    HttpClient browser = browserLike();
    String token = csrfOf(browser);

    HttpResponse<String> noToken = postLogin(browser, "dana-dealer", "dealer-password", null);
    HttpResponse<String> signedIn = postLogin(browser, "dana-dealer", "dealer-password", token);

    assertThat(noToken.statusCode()).isEqualTo(403);
    assertThat(signedIn.statusCode()).isEqualTo(302);
    assertThat(signedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
  }

  @Test
  void afterFiveWrongPasswordsTheUsernameIsRefusedEvenWithTheRightOne() throws Exception {
    // A person of its own: the buckets are shared by every test of the run.
    execute(
        "INSERT INTO tenants (tenant_id, display_name) VALUES ('acme-motors', 'Acme Motors')"
            + " ON CONFLICT DO NOTHING");
    String username = "throttled-" + newJobId("u").toLowerCase();
    execute(
        "INSERT INTO people (username, password_hash, tenant_id, role)"
            + " VALUES (?, '{noop}right-password', 'acme-motors', 'DEALER')",
        username);
    HttpClient browser = browserLike();
    String token = csrfOf(browser);

    for (int i = 0; i < 5; i++) {
      HttpResponse<String> wrong = postLogin(browser, username, "wrong", token);
      assertThat(wrong.headers().firstValue("Location").orElseThrow()).contains("error");
    }
    HttpResponse<String> right = postLogin(browser, username, "right-password", token);
    HttpResponse<String> basic =
        http.send(
            HttpRequest.newBuilder(local("/board"))
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(
                                (username + ":right-password").getBytes(StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(right.statusCode()).isEqualTo(429);
    assertThat(right.headers().firstValue("Retry-After")).isPresent();
    assertThat(right.body()).contains("Too many attempts");
    assertThat(basic.statusCode()).isEqualTo(429);
  }

  private static HttpClient browserLike() {
    return HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
  }

  private String csrfOf(HttpClient browser) throws Exception {
    String page =
        browser
            .send(
                HttpRequest.newBuilder(local("/login")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher matcher = CSRF.matcher(page);
    assertThat(matcher.find()).isTrue();
    return matcher.group(1);
  }

  private HttpResponse<String> postLogin(
      HttpClient browser, String username, String password, String csrf) throws Exception {
    String form =
        "username="
            + URLEncoder.encode(username, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8)
            + (csrf == null ? "" : "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8));
    return browser.send(
        HttpRequest.newBuilder(local("/login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
