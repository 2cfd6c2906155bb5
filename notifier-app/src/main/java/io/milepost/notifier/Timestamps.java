package io.milepost.notifier;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** The JDBC driver cannot bind {@link Instant} itself; every repository converts here. */
public final class Timestamps {
  private Timestamps() {}

  public static Timestamp of(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  public static Instant read(ResultSet row, String column) throws SQLException {
    Timestamp value = row.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }
}
