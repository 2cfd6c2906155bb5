package io.milepost.notifier.security;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The people who log in, in PostgreSQL. Every read and change names the tenant it is for, so one
 * tenant's admin can neither see nor touch another tenant's people.
 */
@Repository
public class People implements UserDetailsService {
  private static final String PERSON =
      "SELECT username, tenant_id, role, locations, locale, enabled, source FROM people";

  private final JdbcClient jdbc;

  People(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A person as stored, without the password hash. */
  public record Person(
      String username,
      String tenantId,
      Role role,
      Set<String> locations,
      Locale locale,
      boolean enabled,
      String source) {}

  @Override
  public MilepostUser loadUserByUsername(String username) {
    // A fresh object per login: Spring Security erases the password after authentication.
    return jdbc.sql(
            "SELECT username, password_hash, tenant_id, role, locations, locale, enabled"
                + " FROM people WHERE username = :username")
        .param("username", username)
        .query(
            (row, n) ->
                new MilepostUser(
                    row.getString("username"),
                    row.getString("password_hash"),
                    row.getBoolean("enabled"),
                    Role.valueOf(row.getString("role")),
                    row.getString("tenant_id"),
                    locations(row),
                    Locale.forLanguageTag(row.getString("locale"))))
        .optional()
        .orElseThrow(() -> new UsernameNotFoundException("no such user"));
  }

  public List<Person> ofTenant(String tenantId) {
    return jdbc.sql(PERSON + " WHERE tenant_id = :tenant ORDER BY username")
        .param("tenant", tenantId)
        .query(People::person)
        .list();
  }

  public Optional<Person> find(String tenantId, String username) {
    return jdbc.sql(PERSON + " WHERE tenant_id = :tenant AND username = :username")
        .param("tenant", tenantId)
        .param("username", username)
        .query(People::person)
        .optional();
  }

  /** Whether anyone, of any tenant, has {@code username}: usernames are global. */
  public boolean taken(String username) {
    return jdbc.sql("SELECT count(*) FROM people WHERE username = :username")
            .param("username", username)
            .query(Integer.class)
            .single()
        > 0;
  }

  /**
   * Creates or replaces a person of {@code tenantId}; a person of another tenant with the same
   * username is left alone (and false returned).
   *
   * @param passwordHash the encoded password, or null to keep the stored one
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean save(Person person, String passwordHash, String changedBy, String change) {
    int changed =
        jdbc.sql(
                "INSERT INTO people (username, password_hash, tenant_id, role, locations, locale,"
                    + " enabled, source) VALUES (:username, :hash, :tenant, :role,"
                    + " string_to_array(:locations, ' '), :locale, :enabled, :source)"
                    + " ON CONFLICT (username) DO UPDATE SET"
                    + " password_hash = COALESCE(:newHash, people.password_hash),"
                    + " role = EXCLUDED.role, locations = EXCLUDED.locations,"
                    + " locale = EXCLUDED.locale, enabled = EXCLUDED.enabled,"
                    + " source = EXCLUDED.source, updated_at = now()"
                    + " WHERE people.tenant_id = EXCLUDED.tenant_id")
            .param("username", person.username())
            // A new person without a password can never log in until one is set.
            .param("hash", passwordHash == null ? "{noop}" + "\u0000disabled" : passwordHash)
            .param("newHash", passwordHash)
            .param("tenant", person.tenantId())
            .param("role", person.role().name())
            // A space never occurs in an identifier (the contract refuses whitespace in ids).
            .param("locations", String.join(" ", person.locations()))
            .param("locale", person.locale().toLanguageTag())
            .param("enabled", person.enabled())
            .param("source", person.source())
            .update();
    if (changed == 1) {
      jdbc.sql(
              "INSERT INTO people_audit (tenant_id, username, changed_by, change)"
                  + " VALUES (:tenant, :username, :by, :change)")
          .param("tenant", person.tenantId())
          .param("username", person.username())
          .param("by", changedBy)
          .param("change", change)
          .update();
    }
    return changed == 1;
  }

  /** People of configuration no longer configured: disabled, not deleted (audit keeps them). */
  @Transactional(propagation = Propagation.MANDATORY)
  public int disableConfiguredExcept(Set<String> usernames) {
    return jdbc.sql(
            "UPDATE people SET enabled = false, updated_at = now() WHERE source = 'configuration'"
                + " AND enabled AND NOT (username = ANY (string_to_array(:names, ' ')))")
        .param("names", String.join(" ", usernames))
        .update();
  }

  public record Change(
      String username, String changedBy, java.time.Instant changedAt, String change) {}

  public List<Change> changes(String tenantId, int limit) {
    return jdbc.sql(
            "SELECT username, changed_by, changed_at, change FROM people_audit"
                + " WHERE tenant_id = :tenant ORDER BY id DESC LIMIT :limit")
        .param("tenant", tenantId)
        .param("limit", limit)
        .query(
            (row, n) ->
                new Change(
                    row.getString("username"),
                    row.getString("changed_by"),
                    row.getTimestamp("changed_at").toInstant(),
                    row.getString("change")))
        .list();
  }

  private static Person person(ResultSet row, int n) throws SQLException {
    return new Person(
        row.getString("username"),
        row.getString("tenant_id"),
        Role.valueOf(row.getString("role")),
        locations(row),
        Locale.forLanguageTag(row.getString("locale")),
        row.getBoolean("enabled"),
        row.getString("source"));
  }

  private static Set<String> locations(ResultSet row) throws SQLException {
    Array array = row.getArray("locations");
    if (array == null) {
      return Set.of();
    }
    return new LinkedHashSet<>(Arrays.asList((String[]) array.getArray()));
  }
}
