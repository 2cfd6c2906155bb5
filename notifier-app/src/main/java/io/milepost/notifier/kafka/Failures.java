package io.milepost.notifier.kafka;

import io.milepost.schemas.InvalidPayloadException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.DateTimeException;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The one place that tells a record that will fail the same way every time (poison: set it aside at
 * once) from trouble around it (infrastructure: retry without limit, lose nothing).
 *
 * <p>Infrastructure wins: when anything in the cause chain says a dependency was unreachable or
 * busy, the record is retried even if something else in the chain looks like bad data. Anything we
 * cannot recognise is retried too, because a record retried too long shows on readiness, while a
 * record set aside by mistake is a customer who is never told.
 */
public final class Failures {
  /** The one unique constraint whose violation is not poison: see {@link #isInfrastructure}. */
  static final String INTENT_ID_CONSTRAINT = "processed_intents_pkey";

  private Failures() {}

  public enum Kind {
    /** Fails the same way on every attempt: set aside with its reason, the partition moves on. */
    POISON,
    /** A dependency is unreachable, slow or busy: retry without limit. */
    INFRASTRUCTURE
  }

  public static Kind classify(Throwable failure) {
    boolean poison = false;
    for (Throwable each : chain(failure)) {
      if (isInfrastructure(each)) {
        return Kind.INFRASTRUCTURE;
      }
      poison |= isPoison(each);
    }
    return poison ? Kind.POISON : Kind.INFRASTRUCTURE;
  }

  /**
   * A short, single-line reason for people and headers: the SQLState when PostgreSQL refused the
   * record, and the innermost message. Control characters are dropped, so the reason itself can be
   * stored and shown even when it quotes the bad input.
   */
  public static String reason(Throwable failure) {
    String sqlState = null;
    Throwable innermost = failure;
    for (Throwable each : chain(failure)) {
      if (each instanceof SQLException sql && sql.getSQLState() != null && sqlState == null) {
        sqlState = sql.getSQLState();
      }
      if (each.getMessage() != null) {
        innermost = each;
      }
    }
    String message = innermost.getClass().getSimpleName() + ": " + innermost.getMessage();
    String text = sqlState == null ? message : "SQLState " + sqlState + ": " + message;
    return clean(text, 1000);
  }

  /**
   * Text from a record or a failure made safe to store and show: control characters (U+0000 among
   * them, which PostgreSQL refuses) become spaces, and at most {@code max} characters are kept.
   */
  public static String clean(String text, int max) {
    String clean = text.replaceAll("[\\p{Cntrl}]+", " ").strip();
    return clean.length() > max ? clean.substring(0, max) + "..." : clean;
  }

  private static boolean isInfrastructure(Throwable each) {
    if (each instanceof SQLException sql && sql.getSQLState() != null) {
      String state = sql.getSQLState();
      if (state.startsWith("23")) {
        // Another consumer recorded the same intent id at the same moment: retrying finds it done.
        return "23505".equals(state)
            && sql.getMessage() != null
            && sql.getMessage().contains(INTENT_ID_CONSTRAINT);
      }
      return !state.startsWith("22") && !state.startsWith("54");
    }
    return each instanceof SQLTransientException
        || each instanceof SQLRecoverableException
        || each instanceof CannotGetJdbcConnectionException
        || each instanceof CannotCreateTransactionException
        || each instanceof TransientDataAccessException
        || each instanceof RecoverableDataAccessException
        || each instanceof org.apache.kafka.common.errors.RetriableException
        || each instanceof TimeoutException
        || each instanceof IOException
        || each instanceof InterruptedException;
  }

  private static boolean isPoison(Throwable each) {
    if (each instanceof SQLException sql && sql.getSQLState() != null) {
      // Data exceptions (22: e.g. U+0000 in text, a value out of range), integrity constraint
      // violations (23) and program limits (54: e.g. an index row too large) are the record's.
      String state = sql.getSQLState();
      return state.startsWith("22") || state.startsWith("23") || state.startsWith("54");
    }
    return each instanceof InvalidPayloadException
        || each instanceof PoisonRecordException
        || each instanceof DataIntegrityViolationException
        // A bug in rendering this record (a text, a view) fails again on every attempt.
        || each instanceof IllegalArgumentException
        || each instanceof IllegalStateException
        || each instanceof ArithmeticException
        || each instanceof IndexOutOfBoundsException
        || each instanceof DateTimeException;
  }

  private static Iterable<Throwable> chain(Throwable failure) {
    Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    java.util.List<Throwable> chain = new java.util.ArrayList<>();
    for (Throwable each = failure; each != null && seen.add(each); each = each.getCause()) {
      chain.add(each);
      if (each instanceof SQLException sql && sql.getNextException() != null) {
        chain.add(sql.getNextException());
      }
    }
    return chain;
  }
}
