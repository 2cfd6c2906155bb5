package io.milepost.notifier.customer;

import io.milepost.notifier.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The customers table: one row per (tenant, E.164 phone). Every query names the tenant. */
@Repository
public class Customers {
  static final String COLUMNS =
      "id, tenant_id, phone, name, locale, time_zone, preferred_locale, preferred_time_zone,"
          + " channels, quiet_hours_enabled, quiet_hours_start, quiet_hours_end, consent,"
          + " consent_changed_at, consent_words, consent_number, consent_source, created_at,"
          + " updated_at";

  private final JdbcClient jdbc;

  Customers(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** What events said about a customer; null fields say nothing. */
  public record Seen(String tenantId, String phone, String name, String locale, String timeZone) {}

  /**
   * Preferences as the customer or an operator set them; null fields follow events and defaults.
   */
  public record Preferences(
      String locale,
      String timeZone,
      Customer.Channels channels,
      QuietHoursPreference quietHours) {}

  /**
   * The known customers among these (tenant id, phone) pairs, in one statement.
   *
   * @return by (tenant id, phone)
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Map<List<String>, Customer> findAll(Collection<List<String>> tenantPhones) {
    Map<List<String>, Customer> found = new HashMap<>();
    if (tenantPhones.isEmpty()) {
      return found;
    }
    jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM customers WHERE (tenant_id, phone) IN (SELECT * FROM"
                + " unnest(CAST(? AS text[]), CAST(? AS text[])))")
        .params(
            tenantPhones.stream().map(pair -> pair.get(0)).toArray(String[]::new),
            tenantPhones.stream().map(pair -> pair.get(1)).toArray(String[]::new))
        .query(Customers::map)
        .list()
        .forEach(customer -> found.put(List.of(customer.tenantId(), customer.phone()), customer));
    return found;
  }

  /**
   * Records what a poll's events said, in one statement: a new phone becomes a customer, a known
   * one takes the name, locale and time zone given (later events win; what an event left out stays
   * as known). The customer's preferences and consent are never touched here.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void saw(List<Seen> seen) {
    // One row per customer: an upsert statement may not touch a row twice.
    Map<List<String>, Seen> merged = new LinkedHashMap<>();
    for (Seen each : seen) {
      merged.merge(
          List.of(each.tenantId(), each.phone()),
          each,
          (before, now) ->
              new Seen(
                  now.tenantId(),
                  now.phone(),
                  later(now.name(), before.name()),
                  later(now.locale(), before.locale()),
                  later(now.timeZone(), before.timeZone())));
    }
    if (merged.isEmpty()) {
      return;
    }
    List<Seen> rows = List.copyOf(merged.values());
    jdbc.sql(
            "INSERT INTO customers (tenant_id, phone, name, locale, time_zone) SELECT * FROM"
                + " unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),"
                + " CAST(? AS text[]), CAST(? AS text[])) ORDER BY 1, 2"
                + " ON CONFLICT (tenant_id, phone) DO UPDATE SET"
                + " name = COALESCE(EXCLUDED.name, customers.name),"
                + " locale = COALESCE(EXCLUDED.locale, customers.locale),"
                + " time_zone = COALESCE(EXCLUDED.time_zone, customers.time_zone),"
                + " updated_at = now()"
                // Unchanged customers keep their row untouched (no dead tuple per intent).
                + " WHERE (COALESCE(EXCLUDED.name, customers.name),"
                + " COALESCE(EXCLUDED.locale, customers.locale),"
                + " COALESCE(EXCLUDED.time_zone, customers.time_zone)) IS DISTINCT FROM"
                + " (customers.name, customers.locale, customers.time_zone)")
        .params(
            rows.stream().map(Seen::tenantId).toArray(String[]::new),
            rows.stream().map(Seen::phone).toArray(String[]::new),
            rows.stream().map(Seen::name).toArray(String[]::new),
            rows.stream().map(Seen::locale).toArray(String[]::new),
            rows.stream().map(Seen::timeZone).toArray(String[]::new))
        .update();
  }

  public Optional<Customer> find(String tenantId, String phone) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM customers WHERE tenant_id = :tenant AND phone = :phone")
        .param("tenant", tenantId)
        .param("phone", phone)
        .query(Customers::map)
        .optional();
  }

  /**
   * The customer, read under a share lock: a consent change in progress ({@link Consent}, which
   * locks the row for update) is waited for, so a decision taken here never misses one that
   * committed before it.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  Optional<Customer> findForShare(String tenantId, String phone) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM customers WHERE tenant_id = :tenant AND phone = :phone FOR SHARE")
        .param("tenant", tenantId)
        .param("phone", phone)
        .query(Customers::map)
        .optional();
  }

  /**
   * Replaces the customer's preferences.
   *
   * @return the customer as stored, or empty when the tenant has no customer with this phone
   */
  @Transactional
  public Optional<Customer> setPreferences(String tenantId, String phone, Preferences preferences) {
    QuietHoursPreference quiet =
        preferences.quietHours() == null
            ? QuietHoursPreference.FOLLOW_TENANT
            : preferences.quietHours();
    return jdbc.sql(
            "UPDATE customers SET preferred_locale = :locale, preferred_time_zone = :zone,"
                + " channels = :channels, quiet_hours_enabled = :quietEnabled,"
                + " quiet_hours_start = :quietStart, quiet_hours_end = :quietEnd,"
                + " updated_at = now() WHERE tenant_id = :tenant AND phone = :phone RETURNING "
                + COLUMNS)
        .param("tenant", tenantId)
        .param("phone", phone)
        .param("locale", preferences.locale())
        .param("zone", preferences.timeZone())
        .param(
            "channels",
            (preferences.channels() == null ? Customer.Channels.SMS : preferences.channels())
                .name())
        .param("quietEnabled", quiet.enabled())
        .param("quietStart", quiet.start())
        .param("quietEnd", quiet.end())
        .query(Customers::map)
        .optional();
  }

  static Customer map(ResultSet row, int rowNum) throws SQLException {
    LocalTime quietStart = row.getObject("quiet_hours_start", LocalTime.class);
    LocalTime quietEnd = row.getObject("quiet_hours_end", LocalTime.class);
    return new Customer(
        row.getLong("id"),
        row.getString("tenant_id"),
        row.getString("phone"),
        row.getString("name"),
        row.getString("locale"),
        row.getString("time_zone"),
        row.getString("preferred_locale"),
        row.getString("preferred_time_zone"),
        Customer.Channels.valueOf(row.getString("channels")),
        new QuietHoursPreference(
            row.getObject("quiet_hours_enabled", Boolean.class), quietStart, quietEnd),
        new Customer.ConsentRecord(
            Customer.ConsentState.valueOf(row.getString("consent")),
            Timestamps.read(row, "consent_changed_at"),
            row.getString("consent_words"),
            row.getString("consent_number"),
            row.getString("consent_source")),
        Timestamps.read(row, "created_at"),
        Timestamps.read(row, "updated_at"));
  }

  private static String later(String now, String before) {
    return now != null ? now : before;
  }
}
