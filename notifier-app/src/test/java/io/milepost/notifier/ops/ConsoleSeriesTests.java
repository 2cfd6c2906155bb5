package io.milepost.notifier.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.schemas.CxMeasures;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleSeriesTests {
  private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
  private static final Instant T1 = Instant.parse("2026-11-29T10:15:00Z");

  @Test
  void eachBucketIsAPointOfEverySeriesAndAveragesAreOverWhatHappened() {
    ConsoleController.Series series =
        ConsoleController.series(
            "springfield",
            24,
            List.of(
                new CxMetricsStore.Point(
                    T0, new CxMeasures(4, 1200, 600, 0, 0, 0, 5400, 0, 2, 3, 1, 1))),
            List.of(new CxMetricsStore.Delivery(T1, 3, 1)));

    assertThat(series.labels()).containsExactly("11-29 10:00", "11-29 10:15");
    assertThat(series.series().get("firstUpdateMinutes")).containsExactly(5.0, null);
    assertThat(series.series().get("firstUpdateMaxMinutes")).containsExactly(10.0, 0.0);
    assertThat(series.series().get("longestSilenceMinutes")).containsExactly(90.0, 0.0);
    assertThat(series.series().get("promisesKept")).containsExactly(3.0, 0.0);
    assertThat(series.series().get("promisesBroken")).containsExactly(1.0, 0.0);
    assertThat(series.series().get("overruns")).containsExactly(2.0, 0.0);
    assertThat(series.series().get("deliveredPercent")).isEqualTo(Arrays.asList(null, 75.0));
    assertThat(series.series().get("deadLetters")).containsExactly(1.0, 0.0);
  }

  @Test
  void anUnknownRangeIsTheDefault() {
    assertThat(ConsoleController.hours(5)).isEqualTo(ConsoleController.DEFAULT_HOURS);
    assertThat(ConsoleController.hours(null)).isEqualTo(ConsoleController.DEFAULT_HOURS);
    assertThat(ConsoleController.hours(168)).isEqualTo(168);
  }
}
