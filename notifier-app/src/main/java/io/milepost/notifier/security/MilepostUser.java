package io.milepost.notifier.security;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * A person who logs in: dealer, dispatcher, ops or admin, always of one tenant.
 *
 * @param locations the locations a DEALER or DISPATCHER works at; empty: every location
 */
public class MilepostUser extends User {
  private final Role role;
  private final String tenantId;
  private final Set<String> locations;
  private final Locale locale;

  public MilepostUser(
      String username,
      String password,
      boolean enabled,
      Role role,
      String tenantId,
      Set<String> locations,
      Locale locale) {
    super(
        username,
        password,
        enabled,
        true,
        true,
        true,
        List.of(new SimpleGrantedAuthority("ROLE_" + role.name())));
    this.role = role;
    this.tenantId = tenantId;
    this.locations = locations == null ? Set.of() : Set.copyOf(locations);
    this.locale = locale == null ? Locale.ENGLISH : locale;
  }

  public Role role() {
    return role;
  }

  public String tenantId() {
    return tenantId;
  }

  /** The locations this person works at; empty when they see every location of the tenant. */
  public Set<String> locations() {
    return locations;
  }

  /** The language of their pages. */
  public Locale locale() {
    return locale;
  }

  /** Ops and admins, and people given no location, see every location of their tenant. */
  public boolean seesEveryLocation() {
    return role == Role.OPS || role == Role.ADMIN || locations.isEmpty();
  }

  /** Whether this person may see the jobs of {@code tenant}'s {@code location}. */
  public boolean canSeeBoard(String tenant, String location) {
    return tenantId.equals(tenant) && (seesEveryLocation() || locations.contains(location));
  }

  // User's equals/hashCode compare usernames only: right for sessions of the same person.
}
