package io.milepost.notifier.security;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an admin types to add or change a person. Checked here, in one place, into message keys per
 * field (the page shows them in the admin's language).
 *
 * @param password empty when changing a person keeps their password
 * @param locations location ids separated by spaces or commas; empty: every location
 */
record PersonForm(
    String username,
    String password,
    String role,
    String locations,
    String locale,
    Boolean enabled) {
  static final int MIN_PASSWORD = 12;
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{2,64}");
  private static final Pattern LOCATION = Pattern.compile("[^/\\s\\p{Cntrl}]{1,128}");
  private static final Set<String> LOCALES = Set.of("en", "es");

  static PersonForm empty() {
    return new PersonForm("", "", Role.DEALER.name(), "", "en", true);
  }

  static PersonForm of(People.Person person) {
    return new PersonForm(
        person.username(),
        "",
        person.role().name(),
        String.join(" ", person.locations()),
        person.locale().toLanguageTag(),
        person.enabled());
  }

  /** Field to message key, empty when the form is fine. A new person needs a password. */
  Map<String, String> problems(boolean isNew) {
    Map<String, String> problems = new LinkedHashMap<>();
    if (username == null || !USERNAME.matcher(username).matches()) {
      problems.put("username", "admin.error.username");
    }
    if ((isNew || (password != null && !password.isEmpty()))
        && (password == null || password.length() < MIN_PASSWORD)) {
      problems.put("password", "admin.error.password");
    }
    if (chosenRole() == null) {
      problems.put("role", "admin.error.role");
    }
    if (locationSet().stream().anyMatch(location -> !LOCATION.matcher(location).matches())) {
      problems.put("locations", "admin.error.locations");
    }
    if (locale == null || !LOCALES.contains(locale)) {
      problems.put("locale", "admin.error.locale");
    }
    return problems;
  }

  /** The role chosen, or null when it names none. */
  Role chosenRole() {
    try {
      return role == null ? null : Role.valueOf(this.role);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  Set<String> locationSet() {
    if (locations == null || locations.isBlank()) {
      return Set.of();
    }
    Set<String> set = new LinkedHashSet<>();
    Arrays.stream(locations.split("[,\\s]+")).filter(s -> !s.isEmpty()).forEach(set::add);
    return set;
  }

  People.Person toPerson(String tenantId) {
    return new People.Person(
        username,
        tenantId,
        chosenRole(),
        locationSet(),
        Locale.forLanguageTag(locale),
        enabled == null || enabled,
        "manual");
  }

  /** Without the password: a record's own toString would print it wherever it is logged. */
  @Override
  public String toString() {
    return "PersonForm[username=" + username + ", role=" + role + ", locations=" + locations + "]";
  }
}
