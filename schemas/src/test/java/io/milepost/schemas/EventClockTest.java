package io.milepost.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventClockTest {
  private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
  private static final Duration SKEW = Duration.ofMinutes(10);

  @Test
  void anEventFromThePastOrTheNextFewMinutesIsOnTime() {
    assertThat(EventClock.checkNotAhead(at(NOW.minus(Duration.ofDays(3))), NOW, SKEW)).isEmpty();
    assertThat(EventClock.checkNotAhead(at(NOW.plus(SKEW)), NOW, SKEW)).isEmpty();
  }

  @Test
  void anEventStampedBeyondTheSkewIsRefusedOnOccurredAt() {
    assertThat(EventClock.checkNotAhead(at(Instant.parse("2036-01-01T00:00:00Z")), NOW, SKEW))
        .hasValueSatisfying(
            violation -> {
              assertThat(violation.field()).isEqualTo("/occurredAt");
              assertThat(violation.message()).contains("2036-01-01T00:00:00Z", "PT10M");
            });
    assertThat(EventClock.checkNotAhead(at(NOW.plus(SKEW).plusMillis(1)), NOW, SKEW)).isPresent();
  }

  private static OpsEvent at(Instant occurredAt) {
    return new OpsEvent(
        "e-1", "t", "l", "j", Journey.DELIVERY, Stage.CREATED, occurredAt, null, null, null, null);
  }
}
