package io.milepost.notifier.kafka;

import static io.milepost.notifier.kafka.Failures.Kind.INFRASTRUCTURE;
import static io.milepost.notifier.kafka.Failures.Kind.POISON;
import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.schemas.InvalidPayloadException;
import io.milepost.schemas.Violation;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

class FailuresTests {

  @Test
  void anUnreadablePayloadIsPoison() {
    var unreadable =
        new InvalidPayloadException(
            List.of(new Violation("/note", "note: must not contain U+0000")));

    assertThat(Failures.classify(unreadable)).isEqualTo(POISON);
    assertThat(Failures.classify(new PoisonRecordException("unreadable", unreadable)))
        .isEqualTo(POISON);
  }

  @Test
  void dataTheDatabaseRefusesIsPoison() {
    // U+0000 in text, a value out of range, a bad datetime: SQLState class 22.
    assertThat(Failures.classify(refused("22021"))).isEqualTo(POISON);
    assertThat(Failures.classify(refused("22003"))).isEqualTo(POISON);
    assertThat(Failures.classify(refused("22008"))).isEqualTo(POISON);
    // Constraint violations: class 23; an index row too large: 54000.
    assertThat(Failures.classify(refused("23514"))).isEqualTo(POISON);
    assertThat(Failures.classify(refused("23503"))).isEqualTo(POISON);
    assertThat(Failures.classify(refused("23505", "duplicate key value violates \"jobs_pkey\"")))
        .isEqualTo(POISON);
    assertThat(Failures.classify(refused("54000"))).isEqualTo(POISON);
  }

  @Test
  void theIntentIdDuplicateIsRetriedNotSetAside() {
    assertThat(
            Failures.classify(
                refused(
                    "23505",
                    "duplicate key value violates unique constraint \"processed_intents_pkey\"")))
        .isEqualTo(INFRASTRUCTURE);
  }

  @Test
  void aBugInRenderingARecordIsPoison() {
    assertThat(Failures.classify(new IllegalArgumentException("no text for stage")))
        .isEqualTo(POISON);
    assertThat(Failures.classify(new IllegalStateException("no text for CONTACT_CHANGED")))
        .isEqualTo(POISON);
  }

  @Test
  void anUnreachableOrBusyDatabaseIsInfrastructure() {
    assertThat(Failures.classify(refused("08006"))).isEqualTo(INFRASTRUCTURE);
    assertThat(Failures.classify(refused("08001"))).isEqualTo(INFRASTRUCTURE);
    assertThat(Failures.classify(refused("40001"))).isEqualTo(INFRASTRUCTURE);
    assertThat(Failures.classify(refused("40P01"))).isEqualTo(INFRASTRUCTURE);
    assertThat(Failures.classify(refused("57P01"))).isEqualTo(INFRASTRUCTURE);
    assertThat(Failures.classify(refused("53300"))).isEqualTo(INFRASTRUCTURE);
    assertThat(
            Failures.classify(
                new CannotGetJdbcConnectionException(
                    "no connection", new SQLTransientConnectionException("pool timeout"))))
        .isEqualTo(INFRASTRUCTURE);
    assertThat(Failures.classify(new CannotCreateTransactionException("no connection")))
        .isEqualTo(INFRASTRUCTURE);
    assertThat(Failures.classify(new QueryTimeoutException("slow"))).isEqualTo(INFRASTRUCTURE);
    assertThat(Failures.classify(new CannotAcquireLockException("lock"))).isEqualTo(INFRASTRUCTURE);
    assertThat(
            Failures.classify(
                new TransactionSystemException("commit failed", sqlException("08006", "gone"))))
        .isEqualTo(INFRASTRUCTURE);
  }

  @Test
  void kafkaAndNetworkTroubleIsInfrastructure() {
    assertThat(Failures.classify(new org.apache.kafka.common.errors.TimeoutException("metadata")))
        .isEqualTo(INFRASTRUCTURE);
    assertThat(
            Failures.classify(new UncheckedIOException(new ConnectException("Connection refused"))))
        .isEqualTo(INFRASTRUCTURE);
  }

  @Test
  void infrastructureAnywhereInTheChainWinsOverWhatLooksLikeBadData() {
    var wrapped =
        new IllegalStateException("could not render", new CannotGetJdbcConnectionException("down"));

    assertThat(Failures.classify(wrapped)).isEqualTo(INFRASTRUCTURE);
  }

  @Test
  void whatIsNotRecognisedIsRetriedBecauseRetryingLosesNothing() {
    assertThat(Failures.classify(new RuntimeException("something odd"))).isEqualTo(INFRASTRUCTURE);
    assertThat(Failures.classify(refused("42P01"))).isEqualTo(INFRASTRUCTURE);
    assertThat(Failures.classify(refused("XX000"))).isEqualTo(INFRASTRUCTURE);
  }

  @Test
  void theClassificationSeesThroughTheListenerContainersWrappers() {
    var poison =
        new ListenerExecutionFailedException(
            "listener failed", new BatchListenerFailedException("record 3", refused("22021"), 3));
    var down =
        new ListenerExecutionFailedException(
            "listener failed", new BatchListenerFailedException("record 0", refused("08006"), 0));

    assertThat(Failures.classify(poison)).isEqualTo(POISON);
    assertThat(Failures.classify(down)).isEqualTo(INFRASTRUCTURE);
  }

  @Test
  void theReasonNamesTheSqlStateAndKeepsNoControlCharacters() {
    String reason =
        Failures.reason(
            refused("22021", "invalid byte sequence for encoding \"UTF8\": 0x00\n x\u0000y"));

    assertThat(reason).startsWith("SQLState 22021: ").contains("invalid byte sequence");
    assertThat(reason).doesNotContain("\n").doesNotContain("\u0000");
  }

  private static RuntimeException refused(String sqlState) {
    return refused(sqlState, "refused");
  }

  /** What Spring's JDBC layer throws: a translated exception around the driver's. */
  private static RuntimeException refused(String sqlState, String message) {
    SQLException driver = sqlException(sqlState, message);
    return sqlState.startsWith("22") || sqlState.startsWith("23")
        ? new DataIntegrityViolationException(message, driver)
        : new UncategorizedSQLException("statement", "SELECT 1", driver);
  }

  private static SQLException sqlException(String sqlState, String message) {
    return new SQLException("ERROR: " + message, sqlState);
  }
}
