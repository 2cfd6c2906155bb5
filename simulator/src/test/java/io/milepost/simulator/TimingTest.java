package io.milepost.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.schemas.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class TimingTest {
  private static final Instant MORNING = Instant.parse("2026-11-24T13:30:00Z");

  /** The default SLA of WAITING_FOR_PARTS (ARCHITECTURE.md). */
  private static final Duration PARTS_SLA = Duration.ofHours(24);

  private static List<GroundTruth> jobs(long seed, int count) {
    return SimulatedDay.script(new SimulatedDay.Options(seed, count, 0, 0, MORNING, 0)).truth();
  }

  /** How long each job of a location stayed in a stage (entry to the next entry). */
  private static List<Duration> timesIn(List<GroundTruth> jobs, String location, Stage stage) {
    List<Duration> times = new ArrayList<>();
    for (GroundTruth job : jobs) {
      if (!job.locationId().equals(location)) {
        continue;
      }
      for (int i = 0; i + 1 < job.stages().size(); i++) {
        if (job.stages().get(i).stage() == stage) {
          times.add(
              Duration.between(
                  job.stages().get(i).enteredAt(), job.stages().get(i + 1).enteredAt()));
        }
      }
    }
    return times;
  }

  private static Duration median(List<Duration> durations) {
    List<Duration> sorted = durations.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  @Test
  void shouldTakeLongerAtTheSlowLocationAtTheMedian() {
    List<GroundTruth> jobs = jobs(21, 2_000);

    for (Stage work : List.of(Stage.DIAGNOSING, Stage.QUALITY_CHECK)) {
      Duration springfield = median(timesIn(jobs, "springfield", work));
      Duration shelbyville = median(timesIn(jobs, "shelbyville", work));
      double ratio = shelbyville.toSeconds() / (double) springfield.toSeconds();
      assertThat(ratio).as("%s: %s vs %s", work, shelbyville, springfield).isBetween(1.35, 1.9);
    }
  }

  @Test
  void shouldDrawPartsWaitsShorterThanTheSlaTypicallyButSomeLastingDays() {
    Random random = new Random(5);
    List<Duration> waits =
        LongStream.range(0, 20_000).mapToObj(i -> Timing.PARTS.draw(random)).sorted().toList();

    assertThat(waits.get(waits.size() / 2)).isBetween(Duration.ofHours(5), Duration.ofHours(7));
    assertThat(waits.stream().filter(wait -> wait.compareTo(PARTS_SLA) > 0).count())
        .as("past the default SLA")
        .isBetween(1_000L, 3_000L);
    assertThat(waits.get(waits.size() - 1)).isGreaterThan(Duration.ofDays(3));
    assertThat(waits).allMatch(wait -> wait.compareTo(Timing.PARTS.max()) <= 0);
  }

  @Test
  void shouldStretchADrawAndItsBoundsByThePace() {
    Duration atOne = Timing.REPAIR.draw(new Random(9), 1.0);
    Duration slower = Timing.REPAIR.draw(new Random(9), Timing.SHELBYVILLE_PACE);

    assertThat(slower.toSeconds()).isCloseTo(Math.round(atOne.toSeconds() * 1.6), within(1L));
    assertThat(Timing.REPAIR.median(1.6)).isEqualTo(Duration.ofMinutes(192));
  }

  @Test
  void shouldFailSomeFirstDeliveryAttemptsAtTheDepotAndRetryThemTheNextDay() {
    List<GroundTruth> parcels =
        jobs(8, 1_000).stream().filter(job -> job.locationId().equals("depot-north")).toList();
    List<GroundTruth> failed =
        parcels.stream()
            .filter(job -> job.stages().stream().anyMatch(s -> s.stage() == Stage.DELIVERY_FAILED))
            .toList();

    assertThat(failed.size() / (double) parcels.size()).isBetween(0.12, 0.28);
    assertThat(timesIn(failed, "depot-north", Stage.DELIVERY_FAILED))
        .allMatch(wait -> wait.compareTo(Duration.ofHours(1)) >= 0)
        .anyMatch(wait -> wait.compareTo(Duration.ofHours(12)) >= 0);
    assertThat(failed).allMatch(job -> !job.promiseKept());
  }

  private static org.assertj.core.data.Offset<Long> within(long offset) {
    return org.assertj.core.data.Offset.offset(offset);
  }
}
