package io.milepost.notifier.rules;

import io.milepost.schemas.InvalidPayloadException;
import io.milepost.schemas.Rules;
import io.milepost.schemas.WireCodec;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tenants' rules in PostgreSQL: the current revision per tenant ({@code tenant_rules}), every
 * change with who made it, before and after ({@code rules_audit}), and which revision is on Kafka
 * ({@code published_revision}). The body is stored exactly as it is published.
 */
@Repository
public class RulesStore {
  private final JdbcClient jdbc;

  RulesStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The stored rules, or empty when the tenant never set any. */
  public Optional<Rules> find(String tenantId) {
    return jdbc.sql("SELECT body::text FROM tenant_rules WHERE tenant_id = :tenant")
        .param("tenant", tenantId)
        .query(String.class)
        .optional()
        .map(RulesStore::decode);
  }

  /** The stored rules of these tenants, in one statement; a tenant that never set any is absent. */
  public Map<String, Rules> findAll(Collection<String> tenantIds) {
    Map<String, Rules> found = new HashMap<>();
    if (tenantIds.isEmpty()) {
      return found;
    }
    jdbc.sql("SELECT body::text FROM tenant_rules WHERE tenant_id = ANY(CAST(? AS text[]))")
        .params((Object) tenantIds.toArray(String[]::new))
        .query(String.class)
        .list()
        .forEach(
            body -> {
              Rules rules = decode(body);
              found.put(rules.tenantId(), rules);
            });
    return found;
  }

  /**
   * Takes the tenant's row lock for a change: changes of one tenant's rules happen one at a time,
   * even the first (no rules row yet: the tenant's own row is locked). Returns what is stored.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  Optional<Rules> lockForChange(String tenantId) {
    jdbc.sql("SELECT tenant_id FROM tenants WHERE tenant_id = :tenant FOR UPDATE")
        .param("tenant", tenantId)
        .query(String.class)
        .optional()
        .orElseThrow(() -> new IllegalStateException("unknown tenant " + tenantId));
    return find(tenantId);
  }

  /** Stores {@code after} (revision set) as the tenant's rules, with its audit row. */
  @Transactional(propagation = Propagation.MANDATORY)
  void save(Rules before, Rules after, String actor) {
    String body = WireCodec.RULES.encodeToString(after);
    jdbc.sql(
            "INSERT INTO tenant_rules (tenant_id, revision, body, updated_at, updated_by)"
                + " VALUES (:tenant, :revision, CAST(:body AS jsonb), :at, :actor)"
                + " ON CONFLICT (tenant_id) DO UPDATE SET revision = EXCLUDED.revision,"
                + " body = EXCLUDED.body, updated_at = EXCLUDED.updated_at,"
                + " updated_by = EXCLUDED.updated_by")
        .param("tenant", after.tenantId())
        .param("revision", after.revision())
        .param("body", body)
        .param("at", Timestamp.from(after.updatedAt()))
        .param("actor", actor)
        .update();
    jdbc.sql(
            "INSERT INTO rules_audit (tenant_id, revision, actor, changed_at, before, after)"
                + " VALUES (:tenant, :revision, :actor, :at, CAST(:before AS jsonb),"
                + " CAST(:after AS jsonb))")
        .param("tenant", after.tenantId())
        .param("revision", after.revision())
        .param("actor", actor)
        .param("at", Timestamp.from(after.updatedAt()))
        .param("before", before == null ? null : WireCodec.RULES.encodeToString(before))
        .param("after", body)
        .update();
  }

  /**
   * The tenant's stored rules with the row locked until the transaction ends, if they are not on
   * Kafka yet; empty when they are (or there are none). Publishers of one tenant take turns here,
   * so revisions reach Kafka in order.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  Optional<Rules> lockUnpublished(String tenantId) {
    return jdbc.sql(
            "SELECT body::text FROM tenant_rules WHERE tenant_id = :tenant"
                + " AND published_revision < revision FOR UPDATE")
        .param("tenant", tenantId)
        .query(String.class)
        .optional()
        .map(RulesStore::decode);
  }

  @Transactional(propagation = Propagation.MANDATORY)
  void markPublished(String tenantId, long revision) {
    jdbc.sql(
            "UPDATE tenant_rules SET published_revision = GREATEST(published_revision, :revision)"
                + " WHERE tenant_id = :tenant")
        .param("tenant", tenantId)
        .param("revision", revision)
        .update();
  }

  /** The tenant's audit rows, newest first; never another tenant's. */
  List<TenantRules.AuditEntry> audit(String tenantId, int limit) {
    return jdbc.sql(
            "SELECT revision, actor, changed_at, before::text AS before, after::text AS after"
                + " FROM rules_audit WHERE tenant_id = :tenant ORDER BY revision DESC LIMIT :limit")
        .param("tenant", tenantId)
        .param("limit", limit)
        .query(
            (row, n) ->
                new TenantRules.AuditEntry(
                    row.getLong("revision"),
                    row.getString("actor"),
                    row.getTimestamp("changed_at").toInstant(),
                    row.getString("before") == null ? null : decode(row.getString("before")),
                    decode(row.getString("after"))))
        .list();
  }

  /** Tenants whose stored rules are not on Kafka yet. */
  List<String> unpublishedTenants() {
    return jdbc.sql(
            "SELECT tenant_id FROM tenant_rules WHERE published_revision < revision"
                + " ORDER BY updated_at")
        .query(String.class)
        .list();
  }

  private static Rules decode(String body) {
    try {
      return WireCodec.RULES.decode(body.getBytes(StandardCharsets.UTF_8));
    } catch (InvalidPayloadException e) {
      // Only valid rules are ever stored; this is a contract change that forgot its data.
      throw new IllegalStateException("stored rules no longer valid: " + e.getMessage(), e);
    }
  }
}
