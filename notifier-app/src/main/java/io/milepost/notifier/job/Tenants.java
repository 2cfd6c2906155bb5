package io.milepost.notifier.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tenants appear the first time anything names them; their display name can be edited later. Read
 * on every record and push, so both facts are cached: that a tenant exists (never forgotten:
 * tenants are not deleted) and its name (for {@link #NAME_TTL}, so an edit shows within a minute).
 */
@Repository
public class Tenants {
  static final Duration NAME_TTL = Duration.ofSeconds(60);

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Set<String> known = ConcurrentHashMap.newKeySet();
  private final Map<String, CachedName> names = new ConcurrentHashMap<>();

  Tenants(JdbcClient jdbc) {
    this.jdbc = jdbc;
    this.clock = Clock.systemUTC();
  }

  public void ensure(String tenantId) {
    if (known.contains(tenantId)) {
      return;
    }
    jdbc.sql(
            "INSERT INTO tenants (tenant_id, display_name) VALUES (:id, :name)"
                + " ON CONFLICT (tenant_id) DO NOTHING")
        .param("id", tenantId)
        .param("name", defaultDisplayName(tenantId))
        .update();
    // Remembered only once committed: a rolled-back insert must be tried again, or the job that
    // references the tenant would fail on its foreign key and look like a bad record.
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              known.add(tenantId);
            }
          });
    } else {
      known.add(tenantId);
    }
  }

  /** The name customers see in messages, e.g. "Acme Motors". */
  public String displayName(String tenantId) {
    Instant now = clock.instant();
    CachedName cached = names.get(tenantId);
    if (cached != null && cached.until().isAfter(now)) {
      return cached.name();
    }
    String name =
        jdbc.sql("SELECT display_name FROM tenants WHERE tenant_id = :id")
            .param("id", tenantId)
            .query(String.class)
            .optional()
            .orElse(defaultDisplayName(tenantId));
    names.put(tenantId, new CachedName(name, now.plus(NAME_TTL)));
    return name;
  }

  /** "acme-motors" becomes "Acme Motors" until someone names the tenant properly. */
  static String defaultDisplayName(String tenantId) {
    return Arrays.stream(tenantId.split("[-_.]+"))
        .filter(word -> !word.isEmpty())
        .map(word -> word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1))
        .collect(Collectors.joining(" "));
  }

  private record CachedName(String name, Instant until) {}
}
