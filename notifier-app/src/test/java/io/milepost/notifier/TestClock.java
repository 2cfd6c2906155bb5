package io.milepost.notifier;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The app's clock in the shared integration-test context: the real time, until a test sets the hour
 * (quiet hours) with {@link #pin}; {@link #release} in an {@code @AfterEach} gives the real time
 * back to the tests after it. Only due times are read from it (the outbox's {@code
 * next_attempt_at}, quiet hours); leases and Twilio's lists stay on real time.
 */
final class TestClock extends Clock {
  static final TestClock INSTANCE = new TestClock();

  private volatile Instant pinned;

  private TestClock() {}

  void pin(Instant now) {
    pinned = now;
  }

  void release() {
    pinned = null;
  }

  @Override
  public Instant instant() {
    Instant now = pinned;
    return now != null ? now : Instant.now();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the app reads instants only");
  }

  /** Puts {@link #INSTANCE} before the app's own clock. */
  @TestConfiguration(proxyBeanMethods = false)
  static class Configuration {
    @Bean
    @Primary
    Clock testClock() {
      return INSTANCE;
    }
  }
}
