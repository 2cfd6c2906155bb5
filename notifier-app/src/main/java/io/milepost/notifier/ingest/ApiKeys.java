package io.milepost.notifier.ingest;

import io.milepost.notifier.job.Tenants;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys, stored as SHA-256 only: a leaked table reveals no key. Keys are long random strings, so
 * an unsalted fast hash is enough (a password would need bcrypt).
 */
@Repository
class ApiKeys {
  private final JdbcClient jdbc;
  private final Tenants tenants;

  ApiKeys(JdbcClient jdbc, Tenants tenants) {
    this.jdbc = jdbc;
    this.tenants = tenants;
  }

  @Transactional
  void register(String tenantId, String key) {
    tenants.ensure(tenantId);
    jdbc.sql(
            "INSERT INTO api_keys (key_hash, tenant_id) VALUES (:hash, :tenant)"
                + " ON CONFLICT (key_hash) DO UPDATE SET tenant_id = EXCLUDED.tenant_id,"
                + " revoked_at = NULL")
        .param("hash", hash(key))
        .param("tenant", tenantId)
        .update();
  }

  Optional<ApiTenant> tenantFor(String key) {
    return jdbc.sql("SELECT tenant_id FROM api_keys WHERE key_hash = :hash AND revoked_at IS NULL")
        .param("hash", hash(key))
        .query(String.class)
        .optional()
        .map(ApiTenant::new);
  }

  static String hash(String key) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
