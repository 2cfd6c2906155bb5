package io.milepost.notifier.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmsDispatcherBackoffTests {
  private static final Duration FIRST = Duration.ofSeconds(2);
  private static final Duration CEILING = Duration.ofSeconds(60);

  @Test
  void backoffDoublesPerAttemptWithJitterUpToTheCeiling() {
    // Jitter is random: look at many draws.
    for (int draw = 0; draw < 200; draw++) {
      assertBounds();
    }
  }

  private static void assertBounds() {
    assertThat(backoff(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(backoff(2)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
    assertThat(backoff(3)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
    assertThat(backoff(30)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
  }

  private static Duration backoff(int attempts) {
    return SmsDispatcher.backoff(attempts, FIRST, CEILING);
  }
}
