package io.milepost.notifier;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The JDBC driver cannot bind {@link Instant} itself; every repository converts here. */
public final class Timestamps {
  private Timestamps() {}

  public static Timestamp of(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  /**
   * The instant as PostgreSQL stores it (microseconds, rounded half up as the driver sends it): for
   * a value decided in memory that stands for one read back.
   */
  public static Instant asStored(Instant instant) {
    if (instant == null) {
      return null;
    }
    Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
    return instant.getNano() % 1000 >= 500 ? micros.plus(1, ChronoUnit.MICROS) : micros;
  }

  public static Instant read(ResultSet row, String column) throws SQLException {
    Timestamp value = row.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }
}
