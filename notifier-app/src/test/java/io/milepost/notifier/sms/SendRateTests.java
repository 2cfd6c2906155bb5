package io.milepost.notifier.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.testing.FreshDatabase;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Two notifier instances (two {@link SendRate}s, each with its own connections) on one PostgreSQL
 * database share each sender's turns.
 */
class SendRateTests {
  private static final String SENDER = "+13125550100";
  private static FreshDatabase database;

  @BeforeAll
  static void schema() throws Exception {
    database = FreshDatabase.create();
    try (Connection connection = database.connect()) {
      connection
          .createStatement()
          .execute(Files.readString(Path.of("src/main/resources/db/migration/V10__send_rate.sql")));
    }
  }

  @AfterAll
  static void drop() {
    database.close();
  }

  @Test
  void twoInstancesHammeringOneSenderGetNoMoreTurnsPerSecondThanItsRate() throws Exception {
    SendRate one = sendRate(4);
    SendRate other = sendRate(4);
    List<Long> turns = Collections.synchronizedList(new ArrayList<>());
    ExecutorService threads = Executors.newFixedThreadPool(6);
    long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    for (int t = 0; t < 6; t++) {
      SendRate instance = t % 2 == 0 ? one : other;
      threads.execute(
          () -> {
            try {
              while (System.nanoTime() < until) {
                if (instance.awaitTurn("acme-motors")) {
                  turns.add(System.nanoTime());
                }
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
    }
    threads.shutdown();
    assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

    List<Long> sorted = turns.stream().sorted().toList();
    assertThat(sorted).as("turns were given").hasSizeGreaterThanOrEqualTo(8);
    // Over every run of turns, no faster than 4 a second, give or take a thread's wake-up.
    long wakeUp = 100_000_000L;
    for (int i = 0; i < sorted.size(); i++) {
      for (int j = i + 1; j < sorted.size(); j++) {
        assertThat(sorted.get(j) - sorted.get(i))
            .as("turns %d to %d", i, j)
            .isGreaterThanOrEqualTo((j - i) * 250_000_000L - wakeUp);
      }
    }
  }

  @Test
  void aSenderNeverUsedBeforeGivesOneTurnToThreadsArrivingAtOnce() throws Exception {
    SendRate one = sendRate(2);
    SendRate other = sendRate(2);
    int threads = 6;
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
    List<Long> turns = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long began = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      SendRate instance = t % 2 == 0 ? one : other;
      pool.execute(
          () -> {
            try {
              start.await();
              if (instance.awaitTurn("fresh-tenant")) {
                turns.add((System.nanoTime() - began) / 1_000_000);
              }
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    List<Long> sorted = turns.stream().sorted().toList();
    assertThat(sorted).hasSizeLessThanOrEqualTo(2);
  }

  private static SendRate sendRate(int perSecond) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(database.jdbcUrl());
    dataSource.setUser(database.username());
    dataSource.setPassword(database.password());
    TwilioProperties twilio =
        new TwilioProperties(
            "ACrate",
            "token",
            null,
            "+15005550006",
            List.of("acme-motors:" + SENDER, "fresh-tenant:+13125550199"),
            URI.create("http://localhost:1"),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1));
    return new SendRate(
        dataSource,
        new Senders(twilio),
        new SendRateProperties(
            1,
            List.of(SENDER + ":" + perSecond, "+13125550199:" + perSecond),
            Duration.ofMillis(500)));
  }
}
