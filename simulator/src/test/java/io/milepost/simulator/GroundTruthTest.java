package io.milepost.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.schemas.Customer;
import io.milepost.schemas.Journey;
import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroundTruthTest {
  private static final Instant MORNING = Instant.parse("2026-11-24T13:30:00Z");
  private static final Customer DANA =
      new Customer("Dana Whitfield", "+12175550123", "en-US", "America/Chicago");

  private static SimulatedDay.Script day(long seed, int jobs) {
    return SimulatedDay.script(new SimulatedDay.Options(seed, jobs, 3, 1, MORNING, 0));
  }

  private static OpsEvent event(Stage stage, int minutes) {
    return new OpsEvent(
        "dms-RO-1-" + minutes,
        "acme-motors",
        "springfield",
        "RO-1",
        Journey.VEHICLE_SERVICE,
        stage,
        MORNING.plus(Duration.ofMinutes(minutes)),
        minutes == 0 ? MORNING.plus(Duration.ofHours(6)) : null,
        null,
        null,
        minutes == 0 ? DANA : null);
  }

  @Test
  void shouldCallAGapPastTheSilenceLimitInABusinessStageASilenceAndNotOneAtPickup() {
    GroundTruth truth =
        GroundTruth.of(
            List.of(
                event(Stage.CHECKED_IN, 0),
                event(Stage.IN_REPAIR, 10),
                event(Stage.IN_REPAIR, 60), // a progress note: not a stage entry
                event(Stage.QUALITY_CHECK, 60 + 121), // 2 h 1 min without a word in repair
                event(Stage.READY_FOR_PICKUP, 200),
                event(Stage.COLLECTED, 200 + 600))); // 10 h waiting on the customer

    assertThat(truth.stages())
        .extracting(GroundTruth.StageEntry::stage)
        .containsExactly(
            Stage.CHECKED_IN,
            Stage.IN_REPAIR,
            Stage.QUALITY_CHECK,
            Stage.READY_FOR_PICKUP,
            Stage.COLLECTED);
    assertThat(truth.silences())
        .containsExactly(
            new GroundTruth.Silence(
                Stage.IN_REPAIR,
                MORNING.plus(Duration.ofMinutes(60)),
                MORNING.plus(Duration.ofMinutes(181))));
    assertThat(truth.silent()).isTrue();
    assertThat(truth.readyAt()).isEqualTo(MORNING.plus(Duration.ofMinutes(200)));
    assertThat(truth.closedAt()).isEqualTo(MORNING.plus(Duration.ofMinutes(800)));
    assertThat(truth.promiseKept()).isTrue();
    assertThat(truth.lateBy()).isEqualTo(Duration.ofMinutes(200 - 360));
  }

  @Test
  void shouldBreakTheShareOfPromisesTheScriptSaysAndSayWhich() {
    List<GroundTruth> truth = day(17, 1_000).truth();
    long broken = truth.stream().filter(job -> !job.promiseKept()).count();

    assertThat(broken).as("a realistic share, not all, not none").isBetween(250L, 550L);
    assertThat(truth)
        .allSatisfy(
            job ->
                assertThat(job.promiseKept())
                    .as(job.key())
                    .isEqualTo(job.readyAt() != null && !job.readyAt().isAfter(job.promisedAt())));
    assertThat(truth)
        .as("a returned parcel never kept its promise")
        .filteredOn(job -> job.finalStage() == Stage.RETURNED)
        .isNotEmpty()
        .allMatch(job -> job.readyAt() == null && !job.promiseKept());
  }

  @Test
  void shouldGoSilentInABusinessStageForLongerThanTheLimitAndResume() {
    List<GroundTruth> truth = day(23, 500).truth();
    List<GroundTruth> silent = truth.stream().filter(GroundTruth::silent).toList();

    assertThat(silent.size()).as("some jobs, not most").isBetween(40, 150);
    for (GroundTruth job : silent) {
      for (GroundTruth.Silence silence : job.silences()) {
        assertThat(GroundTruth.waitsOnBusiness(silence.stage())).as(job.key()).isTrue();
        assertThat(Duration.between(silence.from(), silence.until()))
            .as(job.key())
            .isGreaterThan(Duration.ofHours(2));
        // It resumed: a later event ended the silence, at or before the job's last stage entry.
        assertThat(silence.until())
            .isBeforeOrEqualTo(job.stages().get(job.stages().size() - 1).enteredAt());
      }
    }
    assertThat(silent)
        .as("stalled mid-repair, then resumed")
        .anyMatch(job -> job.silences().stream().anyMatch(s -> s.stage() == Stage.IN_REPAIR));
  }

  @Test
  void shouldMatchTheEventsGeneratedForEachJob() {
    SimulatedDay.Script script = day(31, 80);
    Map<String, List<OpsEvent>> byJob = new LinkedHashMap<>();
    for (SimulatedEvent record : script.events()) {
      if (record.kind() == SimulatedEvent.Kind.ORIGINAL) {
        byJob.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record.event());
      }
    }

    assertThat(script.truth()).extracting(GroundTruth::key).hasSize(80).doesNotHaveDuplicates();
    assertThat(byJob.keySet())
        .containsExactlyInAnyOrderElementsOf(
            script.truth().stream().map(GroundTruth::key).toList());
    for (GroundTruth job : script.truth()) {
      List<OpsEvent> events = byJob.get(job.key());
      OpsEvent first = events.get(0);
      OpsEvent last = events.get(events.size() - 1);
      assertThat(job.promisedAt()).isEqualTo(first.promisedAt());
      assertThat(job.journey()).isEqualTo(first.journey());
      assertThat(job.locationId()).isEqualTo(first.locationId());
      assertThat(job.finalStage()).isEqualTo(last.stage());
      assertThat(job.closedAt()).isEqualTo(last.stage().terminal() ? last.occurredAt() : null);
      for (GroundTruth.StageEntry entry : job.stages()) {
        assertThat(events)
            .as("%s entered %s", job.key(), entry.stage())
            .anyMatch(e -> e.stage() == entry.stage() && e.occurredAt().equals(entry.enteredAt()));
      }
      assertThat(job.stages())
          .extracting(GroundTruth.StageEntry::enteredAt)
          .isSorted()
          .startsWith(first.occurredAt());
    }
  }

  @Test
  void shouldWriteOneJsonLinePerJobThatReadsBackTheSame() {
    GroundTruth job = day(3, 5).truth().get(0);

    String line = job.toJsonLine();

    assertThat(line).doesNotContain("\n").startsWith("{\"tenantId\":");
    assertThat(line)
        .contains("\"journey\":\"" + job.journey().wireName() + "\"")
        .contains("\"stages\":[{\"stage\":\"" + job.stages().get(0).stage() + "\"")
        .contains("\"promiseKept\":" + job.promiseKept())
        .doesNotContain("lateBy")
        .doesNotContain("\"key\"");
    assertThat(GroundTruth.fromJsonLine(line)).isEqualTo(job);
  }

  @Test
  void shouldScriptTheSameTruthForTheSameSeed() {
    List<String> first = day(42, 50).truth().stream().map(GroundTruth::toJsonLine).toList();
    List<String> second = day(42, 50).truth().stream().map(GroundTruth::toJsonLine).toList();

    assertThat(second).isEqualTo(first);
    assertThat(day(43, 50).truth().get(0).toJsonLine()).isNotEqualTo(first.get(0));
  }
}
