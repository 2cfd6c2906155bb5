package io.milepost.notifier.job;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A tenant's places (dealers, depots): the name and phone a customer sees on the tracking page, the
 * names on a board. A location no one described is shown by its id.
 */
@Repository
public class Locations {
  private final JdbcClient jdbc;

  Locations(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * @param phone E.164, or null when the place takes no calls
   */
  public record Location(
      String tenantId, String locationId, String name, String phone, String address) {}

  public Optional<Location> find(String tenantId, String locationId) {
    return jdbc.sql(
            "SELECT tenant_id, location_id, name, phone, address FROM locations"
                + " WHERE tenant_id = :tenant AND location_id = :location")
        .param("tenant", tenantId)
        .param("location", locationId)
        .query(Location.class)
        .optional();
  }

  /** The location as described, or one named by its id. */
  public Location describe(String tenantId, String locationId) {
    return find(tenantId, locationId)
        .orElseGet(() -> new Location(tenantId, locationId, locationId, null, null));
  }

  public List<Location> ofTenant(String tenantId) {
    return jdbc.sql(
            "SELECT tenant_id, location_id, name, phone, address FROM locations"
                + " WHERE tenant_id = :tenant ORDER BY name")
        .param("tenant", tenantId)
        .query(Location.class)
        .list();
  }

  public void save(Location location) {
    jdbc.sql(
            "INSERT INTO locations (tenant_id, location_id, name, phone, address)"
                + " VALUES (:tenant, :location, :name, :phone, :address)"
                + " ON CONFLICT (tenant_id, location_id) DO UPDATE SET name = EXCLUDED.name,"
                + " phone = EXCLUDED.phone, address = EXCLUDED.address")
        .param("tenant", location.tenantId())
        .param("location", location.locationId())
        .param("name", location.name())
        .param("phone", location.phone())
        .param("address", location.address())
        .update();
  }
}
