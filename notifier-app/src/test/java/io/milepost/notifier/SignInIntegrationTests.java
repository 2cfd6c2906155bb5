package io.milepost.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Signing in through the form: words from the bundles, CSRF, wrong passwords throttled. */
class SignInIntegrationTests extends NotifierIntegrationTest {

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
    assertThat(spanish.body()).contains("name=\"_csrf\"");
  }

  @Test
  void aPersonSignsInWithTheFormAndAPostWithoutItsCsrfTokenIsRefused() throws Exception {
    FormSession browser = new FormSession(local("").toString());
    browser.get("/login");

    HttpResponse<String> noToken =
        browser.postExactly(
            "/login", Map.of("username", "dana-dealer", "password", "dealer-password"));
    HttpResponse<String> signedIn =
        browser.post("/login", Map.of("username", "dana-dealer", "password", "dealer-password"));

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
    FormSession browser = new FormSession(local("").toString());

    for (int i = 0; i < 5; i++) {
      HttpResponse<String> wrong =
          browser.post("/login", Map.of("username", username, "password", "wrong"));
      assertThat(wrong.headers().firstValue("Location").orElseThrow()).contains("error");
    }
    HttpResponse<String> right =
        browser.post("/login", Map.of("username", username, "password", "right-password"));
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
}
