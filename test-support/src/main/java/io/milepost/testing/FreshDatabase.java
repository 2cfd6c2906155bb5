package io.milepost.testing;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * A new, empty PostgreSQL database on the machine's server, dropped on {@link #close()}, so no test
 * ever sees another's rows. The server is {@code MILEPOST_TEST_PG_URL} (a JDBC URL of any database
 * on it, default {@code jdbc:postgresql://127.0.0.1:5432/postgres}) with {@code
 * MILEPOST_TEST_PG_USER} (default {@code postgres}) and {@code MILEPOST_TEST_PG_PASSWORD} (default
 * empty: trust auth).
 */
public final class FreshDatabase implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String adminUrl;
  private final String name;

  private FreshDatabase(String adminUrl, String name) {
    this.adminUrl = adminUrl;
    this.name = name;
  }

  public static FreshDatabase create() {
    String adminUrl = env("MILEPOST_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    byte[] suffix = new byte[6];
    RANDOM.nextBytes(suffix);
    String name = "milepost_test_" + HexFormat.of().formatHex(suffix);
    FreshDatabase database = new FreshDatabase(adminUrl, name);
    database.execute("CREATE DATABASE " + name);
    return database;
  }

  public String name() {
    return name;
  }

  public String jdbcUrl() {
    int slash = adminUrl.lastIndexOf('/');
    int query = adminUrl.indexOf('?', slash);
    return adminUrl.substring(0, slash + 1) + name + (query >= 0 ? adminUrl.substring(query) : "");
  }

  public String username() {
    return env("MILEPOST_TEST_PG_USER", "postgres");
  }

  public String password() {
    return env("MILEPOST_TEST_PG_PASSWORD", "");
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), username(), password());
  }

  @Override
  public void close() {
    execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private void execute(String sql) {
    try (Connection connection = DriverManager.getConnection(adminUrl, username(), password());
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL at " + adminUrl + " refused '" + sql + "': " + e.getMessage(), e);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
