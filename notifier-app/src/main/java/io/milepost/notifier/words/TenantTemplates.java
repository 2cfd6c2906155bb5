package io.milepost.notifier.words;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Tenants' own templates and default locale, in {@code tenant_templates} and {@code tenants}. Read
 * for every text an intent poll writes, so a tenant's whole set is cached for {@link #TTL}: a
 * change made on this instance shows at once, one made on another within the TTL.
 */
@Repository
class TenantTemplates {
  static final Duration TTL = Duration.ofSeconds(60);

  /** A stored template. */
  record Stored(
      TemplateKind kind, String locale, String text, Instant updatedAt, String updatedBy) {}

  /** What one tenant set: templates by (kind, locale tag), and the default locale. */
  record TenantSet(Map<TemplateKind, Map<String, Stored>> templates, Locale defaultLocale) {

    /** The tenant's template of {@code kind} for exactly this tag, else for its language. */
    Optional<Stored> find(TemplateKind kind, Locale locale) {
      Map<String, Stored> ofKind = templates.getOrDefault(kind, Map.of());
      Stored exact = ofKind.get(locale.toLanguageTag());
      return Optional.ofNullable(exact != null ? exact : ofKind.get(locale.getLanguage()));
    }
  }

  private final JdbcClient jdbc;
  private final Clock clock = Clock.systemUTC();
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  TenantTemplates(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  TenantSet of(String tenantId) {
    Instant now = clock.instant();
    Cached cached = cache.get(tenantId);
    if (cached != null && cached.until().isAfter(now)) {
      return cached.set();
    }
    Map<TemplateKind, Map<String, Stored>> templates =
        all(tenantId).stream()
            .collect(
                Collectors.groupingBy(
                    Stored::kind, Collectors.toMap(Stored::locale, Function.identity())));
    TenantSet set = new TenantSet(templates, defaultLocale(tenantId));
    cache.put(tenantId, new Cached(set, now.plus(TTL)));
    return set;
  }

  List<Stored> all(String tenantId) {
    return jdbc.sql(
            "SELECT kind, locale, text, updated_at, updated_by FROM tenant_templates"
                + " WHERE tenant_id = :tenant ORDER BY kind, locale")
        .param("tenant", tenantId)
        .query(
            (row, n) ->
                new Stored(
                    TemplateKind.valueOf(row.getString("kind")),
                    row.getString("locale"),
                    row.getString("text"),
                    row.getTimestamp("updated_at").toInstant(),
                    row.getString("updated_by")))
        .list();
  }

  Stored save(String tenantId, TemplateKind kind, Locale locale, String text, String actor) {
    Instant now = clock.instant();
    jdbc.sql(
            "INSERT INTO tenant_templates (tenant_id, kind, locale, text, updated_at, updated_by)"
                + " VALUES (:tenant, :kind, :locale, :text, :at, :by)"
                + " ON CONFLICT (tenant_id, kind, locale) DO UPDATE"
                + " SET text = EXCLUDED.text, updated_at = EXCLUDED.updated_at,"
                + " updated_by = EXCLUDED.updated_by")
        .param("tenant", tenantId)
        .param("kind", kind.name())
        .param("locale", locale.toLanguageTag())
        .param("text", text)
        .param("at", Timestamp.from(now))
        .param("by", actor)
        .update();
    cache.remove(tenantId);
    return new Stored(kind, locale.toLanguageTag(), text, now, actor);
  }

  boolean delete(String tenantId, TemplateKind kind, Locale locale) {
    int deleted =
        jdbc.sql(
                "DELETE FROM tenant_templates WHERE tenant_id = :tenant AND kind = :kind"
                    + " AND locale = :locale")
            .param("tenant", tenantId)
            .param("kind", kind.name())
            .param("locale", locale.toLanguageTag())
            .update();
    cache.remove(tenantId);
    return deleted > 0;
  }

  Locale defaultLocale(String tenantId) {
    return jdbc.sql("SELECT default_locale FROM tenants WHERE tenant_id = :tenant")
        .param("tenant", tenantId)
        .query(String.class)
        .optional()
        .map(Locale::forLanguageTag)
        .orElse(Locale.ENGLISH);
  }

  void setDefaultLocale(String tenantId, Locale locale) {
    jdbc.sql("UPDATE tenants SET default_locale = :locale WHERE tenant_id = :tenant")
        .param("tenant", tenantId)
        .param("locale", locale.toLanguageTag())
        .update();
    cache.remove(tenantId);
  }

  private record Cached(TenantSet set, Instant until) {}
}
