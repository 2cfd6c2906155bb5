package io.milepost.stream.promise;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PromisesTest {
  private static final Instant PROMISED = Instant.parse("2026-11-24T16:00:00Z");
  private static final Duration TOLERANCE = Duration.ofMinutes(15);
  private static final Duration THRESHOLD = Duration.ofMinutes(15);

  @Test
  void atRiskOnlyPastThePromiseAndTheTolerance() {
    assertThat(Promises.atRisk(PROMISED.plus(TOLERANCE), PROMISED, TOLERANCE)).isFalse();
    assertThat(Promises.atRisk(PROMISED.plus(TOLERANCE).plusSeconds(1), PROMISED, TOLERANCE))
        .isTrue();
  }

  @Test
  void afterAWarningOnlyAFurtherSlipCounts() {
    Instant warned = PROMISED.plus(Duration.ofMinutes(40));

    assertThat(Promises.riskBound(PROMISED, TOLERANCE, null, THRESHOLD))
        .isEqualTo(PROMISED.plus(TOLERANCE));
    assertThat(Promises.riskBound(PROMISED, TOLERANCE, warned, THRESHOLD))
        .isEqualTo(warned.plus(THRESHOLD));
  }

  @Test
  void aPromiseIsKeptOnTheMinuteNotWithinTheTolerance() {
    assertThat(Promises.kept(PROMISED, PROMISED)).isTrue();
    assertThat(Promises.kept(PROMISED.plusSeconds(60), PROMISED)).isFalse();
  }
}
