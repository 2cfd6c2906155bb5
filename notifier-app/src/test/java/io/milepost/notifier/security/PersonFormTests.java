package io.milepost.notifier.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PersonFormTests {

  @Test
  void aNewPersonNeedsAUsableNameALongPasswordAKnownRoleAndLanguage() {
    PersonForm form = new PersonForm("a b", "short", "KING", "spring/field", "fr", true);

    assertThat(form.problems(true))
        .containsEntry("username", "admin.error.username")
        .containsEntry("password", "admin.error.password")
        .containsEntry("role", "admin.error.role")
        .containsEntry("locations", "admin.error.locations")
        .containsEntry("locale", "admin.error.locale");
  }

  @Test
  void aChangeMayKeepThePasswordAndLocationsSplitOnSpacesOrCommas() {
    PersonForm form = new PersonForm("dana", "", "DEALER", "springfield, shelbyville", "es", true);

    assertThat(form.problems(false)).isEmpty();
    assertThat(form.problems(true)).containsOnlyKeys("password");
    assertThat(form.locationSet()).containsExactly("springfield", "shelbyville");
  }

  @Test
  void theAuditSaysWhatChangedButNeverThePassword() {
    People.Person before =
        new People.Person(
            "dana", "acme", Role.DEALER, Set.of("springfield"), Locale.ENGLISH, true, "manual");
    PersonForm after = new PersonForm("dana", "new-secret-password", "DISPATCHER", "", "es", false);

    String change = PeopleAdminController.describeChange(before, after, true);

    assertThat(change)
        .contains("role DEALER → DISPATCHER")
        .contains("locations [springfield] → []")
        .contains("language en → es")
        .contains("disabled")
        .contains("password changed")
        .doesNotContain("new-secret-password");
    assertThat(after.toString()).doesNotContain("new-secret-password");
  }
}
