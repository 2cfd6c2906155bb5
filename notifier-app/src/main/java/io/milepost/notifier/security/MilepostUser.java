package io.milepost.notifier.security;

import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * A person who logs in: dealer, dispatcher, ops or admin, always of one tenant.
 *
 * @param locationId the location a DEALER or DISPATCHER works at, or {@link #ALL_LOCATIONS}
 */
public class MilepostUser extends User {
  public static final String ALL_LOCATIONS = "*";

  private final Role role;
  private final String tenantId;
  private final String locationId;

  public MilepostUser(
      String username, String password, Role role, String tenantId, String locationId) {
    super(username, password, List.of(new SimpleGrantedAuthority("ROLE_" + role.name())));
    this.role = role;
    this.tenantId = tenantId;
    this.locationId = locationId == null || locationId.isBlank() ? ALL_LOCATIONS : locationId;
  }

  public Role role() {
    return role;
  }

  public String tenantId() {
    return tenantId;
  }

  public String locationId() {
    return locationId;
  }

  /** Ops and admins see every location of their tenant; others only their own. */
  public boolean canSeeBoard(String tenant, String location) {
    if (!tenantId.equals(tenant)) {
      return false;
    }
    return role == Role.OPS
        || role == Role.ADMIN
        || ALL_LOCATIONS.equals(locationId)
        || locationId.equals(location);
  }
}
