package io.milepost.notifier.security;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * People brought in at every start (local demo users, a first admin). Production configuration
 * names none or one admin; the admin then manages the tenant's people at {@code /admin/people}.
 * Passwords carry their encoding, e.g. {@code {bcrypt}$2a$10$...} or (local only) {@code
 * {noop}secret}, which is hashed before it is stored, and come from the environment: {@code
 * MILEPOST_USERS_0_USERNAME}, {@code MILEPOST_USERS_0_PASSWORD}, ...
 */
@ConfigurationProperties("milepost")
public record UsersProperties(Map<String, Entry> users) {

  /**
   * Keyed by whatever stands in the brackets ({@code milepost.users[0]}, {@code users[dana]}), so
   * entries need not be numbered without gaps as a list's would.
   */
  public UsersProperties {
    users = users == null ? Map.of() : Map.copyOf(users);
  }

  /**
   * @param locations where a DEALER or DISPATCHER works; empty or absent: every location
   * @param locale the language of their pages, {@code en} when absent
   */
  public record Entry(
      String username,
      String password,
      Role role,
      String tenant,
      List<String> locations,
      String locale) {

    public Entry {
      locations = locations == null ? List.of() : List.copyOf(locations);
    }

    /** Without the password: a record's own toString would print it wherever it is logged. */
    @Override
    public String toString() {
      return "Entry[username="
          + username
          + ", password=[hidden], role="
          + role
          + ", tenant="
          + tenant
          + ", locations="
          + locations
          + ", locale="
          + locale
          + "]";
    }
  }
}
