package io.milepost.notifier.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * People who may log in, until users live in the database. Passwords carry their encoding, e.g.
 * {@code {bcrypt}$2a$10$...} or (local only) {@code {noop}secret}, and come from the environment:
 * {@code MILEPOST_USERS_0_USERNAME}, {@code MILEPOST_USERS_0_PASSWORD}, ...
 */
@ConfigurationProperties("milepost")
public record UsersProperties(List<Entry> users) {

  public UsersProperties {
    users = users == null ? List.of() : List.copyOf(users);
  }

  public record Entry(String username, String password, Role role, String tenant, String location) {

    /** Without the password: a record's own toString would print it wherever it is logged. */
    @Override
    public String toString() {
      return "Entry[username="
          + username
          + ", password=[hidden], role="
          + role
          + ", tenant="
          + tenant
          + ", location="
          + location
          + "]";
    }
  }
}
