package io.milepost.local.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against the machine's PostgreSQL on 127.0.0.1:5432 (trust auth), as the launcher uses it. */
class LocalPostgresTest {
  private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/postgres";
  private final String database = "milepost_local_" + UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void dropDatabase() throws SQLException {
    try (Connection connection = DriverManager.getConnection(SERVER, "postgres", "");
        Statement drop = connection.createStatement()) {
      drop.execute("drop database if exists \"" + database + "\"");
    }
  }

  private boolean exists() throws SQLException {
    try (Connection connection = DriverManager.getConnection(SERVER, "postgres", "");
        PreparedStatement query =
            connection.prepareStatement("select 1 from pg_database where datname = ?")) {
      query.setString(1, database);
      try (ResultSet result = query.executeQuery()) {
        return result.next();
      }
    }
  }

  @Test
  void shouldCreateTheDatabaseOnceAndLeaveAnExistingOneAlone() throws SQLException {
    assertThat(exists()).isFalse();

    LocalPostgres.ensureDatabase(SERVER, "postgres", "", database);
    assertThat(exists()).isTrue();
    try (Connection connection =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", "");
        Statement create = connection.createStatement()) {
      create.execute("create table kept (id int)");
    }

    LocalPostgres.ensureDatabase(SERVER, "postgres", "", database);
    try (Connection connection =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", "");
        Statement query = connection.createStatement();
        ResultSet tables =
            query.executeQuery(
                "select count(*) from information_schema.tables where table_name = 'kept'")) {
      tables.next();
      assertThat(tables.getInt(1))
          .as("the second call must not recreate the database")
          .isEqualTo(1);
    }
  }
}
