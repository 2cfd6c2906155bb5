package io.milepost.notifier.job;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tenants appear the first time anything names them; their display name can be edited later. */
@Repository
public class Tenants {
  private final JdbcClient jdbc;

  Tenants(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void ensure(String tenantId) {
    jdbc.sql(
            "INSERT INTO tenants (tenant_id, display_name) VALUES (:id, :name)"
                + " ON CONFLICT (tenant_id) DO NOTHING")
        .param("id", tenantId)
        .param("name", defaultDisplayName(tenantId))
        .update();
  }

  /** The name customers see in messages, e.g. "Acme Motors". */
  public String displayName(String tenantId) {
    return jdbc.sql("SELECT display_name FROM tenants WHERE tenant_id = :id")
        .param("id", tenantId)
        .query(String.class)
        .optional()
        .orElse(defaultDisplayName(tenantId));
  }

  /** "acme-motors" becomes "Acme Motors" until someone names the tenant properly. */
  static String defaultDisplayName(String tenantId) {
    return Arrays.stream(tenantId.split("[-_.]+"))
        .filter(word -> !word.isEmpty())
        .map(word -> word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1))
        .collect(Collectors.joining(" "));
  }
}
