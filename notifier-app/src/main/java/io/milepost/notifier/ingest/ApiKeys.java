package io.milepost.notifier.ingest;

import io.milepost.notifier.job.Tenants;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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
  /** {@code api_keys.source} of the keys {@link ApiKeySeeder} keeps in line with configuration. */
  static final String FROM_CONFIGURATION = "configuration";

  private final JdbcClient jdbc;
  private final Tenants tenants;

  ApiKeys(JdbcClient jdbc, Tenants tenants) {
    this.jdbc = jdbc;
    this.tenants = tenants;
  }

  /**
   * Makes the configured keys exactly the working keys from configuration: each one is registered
   * (or re-activated), and every key that came from configuration but is no longer in it is
   * revoked. Keys created another way are kept. One transaction: no moment with neither set.
   *
   * @return how many keys from configuration were revoked
   */
  @Transactional
  int matchConfiguration(Map<String, String> tenantByKey) {
    List<String> hashes = new ArrayList<>();
    tenantByKey.forEach(
        (key, tenantId) -> {
          tenants.ensure(tenantId);
          String hash = hash(key);
          hashes.add(hash);
          // A key that was created another way keeps its source: configuration never owned it.
          jdbc.sql(
                  "INSERT INTO api_keys (key_hash, tenant_id, source)"
                      + " VALUES (:hash, :tenant, :source)"
                      + " ON CONFLICT (key_hash) DO UPDATE SET tenant_id = EXCLUDED.tenant_id,"
                      + " revoked_at = NULL")
              .param("hash", hash)
              .param("tenant", tenantId)
              .param("source", FROM_CONFIGURATION)
              .update();
        });
    // NOT IN () is not SQL: with nothing configured, every key from configuration goes.
    String notConfigured = hashes.isEmpty() ? "" : " AND key_hash NOT IN (:hashes)";
    var revoke =
        jdbc.sql(
                "UPDATE api_keys SET revoked_at = now() WHERE source = :source"
                    + " AND revoked_at IS NULL"
                    + notConfigured)
            .param("source", FROM_CONFIGURATION);
    return (hashes.isEmpty() ? revoke : revoke.param("hashes", hashes)).update();
  }

  Optional<ApiTenant> tenantFor(String key) {
    String hash = hash(key);
    return jdbc.sql("SELECT tenant_id FROM api_keys WHERE key_hash = :hash AND revoked_at IS NULL")
        .param("hash", hash)
        .query(String.class)
        .optional()
        .map(tenantId -> new ApiTenant(tenantId, keyId(hash)));
  }

  /** Names a key in logs and audit rows without revealing it: a prefix of its stored hash. */
  static String keyId(String hash) {
    return "api-key:" + hash.substring(0, 12);
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
