package io.milepost.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An admin manages the people of their own tenant, and only theirs, through the page's forms. */
class AdminPeopleIntegrationTests extends NotifierIntegrationTest {

  @Test
  void anAdminAddsADealerWhoCanThenSignInAndTheChangeIsAudited() throws Exception {
    FormSession admin = FormSession.signedIn(base(), "ada-admin", "admin-password");
    String username = "new-dealer-" + uniqueName();
    admin.get("/admin/people");

    HttpResponse<String> added =
        admin.post(
            "/admin/people",
            Map.of(
                "username", username,
                "password", "a-long-enough-password",
                "role", "DEALER",
                "locations", "springfield shelbyville",
                "locale", "es",
                "enabled", "true"));

    assertThat(added.statusCode()).isEqualTo(302);
    assertThat(
            rows(
                "SELECT password_hash, locations::text AS l FROM people WHERE username = ?",
                username))
        .singleElement()
        .satisfies(
            row -> {
              assertThat((String) row.get("password_hash")).startsWith("{bcrypt}");
              assertThat(row.get("l")).isEqualTo("{springfield,shelbyville}");
            });
    HttpResponse<String> list = admin.get("/admin/people");
    assertThat(list.body()).contains(username).contains("ada-admin changed " + username);
    FormSession dealer = FormSession.signedIn(base(), username, "a-long-enough-password");
    // The dealer's pages speak their language; the people page is not theirs.
    assertThat(dealer.get("/login").headers().firstValue("Location")).isPresent();
    assertThat(dealer.get("/admin/people").statusCode()).isEqualTo(403);
  }

  @Test
  void aFormWithProblemsSaysWhichInTheAdminsWordsAndSavesNothing() throws Exception {
    FormSession admin = FormSession.signedIn(base(), "ada-admin", "admin-password");
    admin.get("/admin/people");

    HttpResponse<String> refused =
        admin.post(
            "/admin/people",
            Map.of(
                "username", "dana-dealer",
                "password", "short",
                "role", "KING",
                "locations", "",
                "locale", "en"));

    assertThat(refused.statusCode()).isEqualTo(200);
    assertThat(refused.body())
        .contains("This username is taken.")
        .contains("Use at least 12 characters.")
        .contains("Choose a role.");
  }

  @Test
  void anAdminSeesAndChangesNoPersonOfAnotherTenant() throws Exception {
    FormSession other = FormSession.signedIn(base(), "sam-admin", "admin-password");

    HttpResponse<String> list = other.get("/admin/people");
    HttpResponse<String> page = other.get("/admin/people/dana-dealer");
    HttpResponse<String> change =
        other.post(
            "/admin/people/dana-dealer",
            Map.of("password", "taken-over-password", "role", "ADMIN", "locale", "en"));

    assertThat(list.body()).contains("sam-admin").doesNotContain("dana-dealer");
    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(change.statusCode()).isEqualTo(404);
    FormSession.signedIn(base(), "dana-dealer", "dealer-password");
  }

  @Test
  void anAdminCannotDisableThemselvesOrChangePeopleOfConfiguration() throws Exception {
    FormSession ada = FormSession.signedIn(base(), "ada-admin", "admin-password");
    String username = "admin-" + uniqueName();
    ada.get("/admin/people");
    ada.post(
        "/admin/people",
        Map.of(
            "username", username,
            "password", "another-long-password",
            "role", "ADMIN",
            "locale", "en",
            "enabled", "true"));
    FormSession second = FormSession.signedIn(base(), username, "another-long-password");
    second.get("/admin/people/" + username);

    HttpResponse<String> selfDisabled =
        second.post("/admin/people/" + username, Map.of("role", "ADMIN", "locale", "en"));
    HttpResponse<String> configured =
        second.post(
            "/admin/people/dana-dealer",
            Map.of("role", "DEALER", "locale", "en", "enabled", "true"));

    assertThat(selfDisabled.body()).contains("You cannot take away your own admin role");
    assertThat(configured.body())
        .contains("People from configuration are changed in configuration");
    assertThat(rows("SELECT enabled FROM people WHERE username = ?", username))
        .singleElement()
        .satisfies(row -> assertThat(row.get("enabled")).isEqualTo(true));
  }

  private String base() {
    return local("").toString();
  }

  private static String uniqueName() {
    return newJobId("p").toLowerCase();
  }
}
