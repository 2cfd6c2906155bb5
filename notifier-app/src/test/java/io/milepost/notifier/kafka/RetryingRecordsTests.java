package io.milepost.notifier.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

class RetryingRecordsTests {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T08:00:00Z"));
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final RetryingRecords retrying =
      new RetryingRecords(
          new ListenerProperties(
              Duration.ofMinutes(2), Duration.ofMillis(500), Duration.ofSeconds(30)),
          meters,
          clock);
  private final ConsumerRecord<String, byte[]> record =
      new ConsumerRecord<>("milepost.board", 3, 42L, "acme/RO-1", new byte[0]);
  private final Exception databaseDown =
      new CannotGetJdbcConnectionException("down", new SQLException("refused", "08001"));

  @Test
  void aRecordRetriedLongerThanTheLimitTurnsHealthDownAndSaysWhy() {
    retrying.failedDelivery(record, databaseDown, 1);
    clock.advance(Duration.ofSeconds(100));
    retrying.failedDelivery(record, databaseDown, 2);
    assertThat(retrying.health().getStatus()).isEqualTo(Status.UP);

    clock.advance(Duration.ofSeconds(25));
    retrying.failedDelivery(record, databaseDown, 3);

    assertThat(retrying.health().getStatus()).isEqualTo(Status.DOWN);
    assertThat(retrying.health().getDetails()).containsKey("milepost.board-3");
    assertThat(meters.get("milepost.kafka.records.stuck").gauge().value()).isEqualTo(1);
    assertThat(meters.get("milepost.kafka.retry.oldest.seconds").gauge().value()).isEqualTo(125);
    assertThat(
            meters
                .get("milepost.kafka.record.retries")
                .tags("cause", "sqlstate-08001")
                .counter()
                .count())
        .isEqualTo(3);
  }

  @Test
  void healthIsUpAgainOnceThePartitionMovesOn() {
    retrying.failedDelivery(record, databaseDown, 1);
    clock.advance(Duration.ofMinutes(3));
    retrying.failedDelivery(record, databaseDown, 2);
    assertThat(retrying.health().getStatus()).isEqualTo(Status.DOWN);

    retrying.progressed(List.of(record));

    assertThat(retrying.health().getStatus()).isEqualTo(Status.UP);
    assertThat(meters.get("milepost.kafka.records.stuck").gauge().value()).isZero();
  }

  @Test
  void poisonIsNeverCountedAsRetrying() {
    retrying.failedDelivery(
        record, new PoisonRecordException("bad", new SQLException("x", "22021")), 1);
    clock.advance(Duration.ofMinutes(3));

    assertThat(retrying.health().getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void aRetryNoLongerAttemptedHereStopsCountingAfterARebalance() {
    retrying.failedDelivery(record, databaseDown, 1);
    clock.advance(Duration.ofMinutes(3));
    retrying.failedDelivery(record, databaseDown, 2);
    assertThat(retrying.health().getStatus()).isEqualTo(Status.DOWN);

    clock.advance(Duration.ofMinutes(2)); // no attempt for longer than two max back-offs

    assertThat(retrying.health().getStatus()).isEqualTo(Status.UP);
  }

  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
