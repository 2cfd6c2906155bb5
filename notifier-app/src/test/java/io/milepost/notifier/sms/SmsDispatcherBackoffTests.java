package io.milepost.notifier.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmsDispatcherBackoffTests {
  private final SmsDispatcher dispatcher =
      new SmsDispatcher(
          null,
          null,
          null,
          new SmsProperties(
              Duration.ofSeconds(5),
              Duration.ofMinutes(2),
              Duration.ofMinutes(5),
              Duration.ofSeconds(2),
              Duration.ofSeconds(60),
              8,
              1,
              1),
          new TwilioProperties(
              "ACbackoff",
              "token",
              null,
              "+15005550006",
              null,
              URI.create("http://localhost:1"),
              Duration.ofSeconds(5),
              Duration.ofSeconds(15)),
          null,
          new SimpleMeterRegistry());

  @Test
  void backoffDoublesPerAttemptWithJitterUpToTheCeiling() {
    // Jitter is random: look at many draws.
    for (int draw = 0; draw < 200; draw++) {
      assertBounds();
    }
  }

  private void assertBounds() {
    assertThat(dispatcher.backoff(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(dispatcher.backoff(2)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
    assertThat(dispatcher.backoff(3)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
    assertThat(dispatcher.backoff(30)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
  }
}
