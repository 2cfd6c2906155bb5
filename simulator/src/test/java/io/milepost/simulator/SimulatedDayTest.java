package io.milepost.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milepost.schemas.InvalidPayloadException;
import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.Stage;
import io.milepost.schemas.WireCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class SimulatedDayTest {
  private static final Instant MORNING = Instant.parse("2026-11-24T13:30:00Z");

  private static List<SimulatedEvent> day(long seed, int jobs) {
    return SimulatedDay.generate(new SimulatedDay.Options(seed, jobs, 3, 1, MORNING, 0));
  }

  private static List<SimulatedEvent> ofKind(
      List<SimulatedEvent> events, SimulatedEvent.Kind kind) {
    return events.stream().filter(e -> e.kind() == kind).toList();
  }

  private static Map<String, List<OpsEvent>> originalsByJob(List<SimulatedEvent> events) {
    Map<String, List<OpsEvent>> byJob = new LinkedHashMap<>();
    for (SimulatedEvent event : ofKind(events, SimulatedEvent.Kind.ORIGINAL)) {
      byJob.computeIfAbsent(event.key(), k -> new ArrayList<>()).add(event.event());
    }
    return byJob;
  }

  @Test
  void shouldSendEachJobsStagesInJourneyOrderOrAsAContractRetryWithTheCustomerFirst() {
    Map<String, List<OpsEvent>> byJob = originalsByJob(day(7, 40));

    assertThat(byJob).hasSize(40);
    byJob.forEach(
        (job, events) -> {
          OpsEvent first = events.get(0);
          assertThat(first.stage().position()).as(job).isZero();
          assertThat(first.customer()).as(job).isNotNull();
          assertThat(first.promisedAt()).as(job).isAfter(first.occurredAt());
          for (int i = 1; i < events.size(); i++) {
            OpsEvent previous = events.get(i - 1);
            OpsEvent next = events.get(i);
            assertThat(next.stage().journey()).as(job).isEqualTo(first.journey());
            assertThat(
                    next.stage().position() >= previous.stage().position()
                        || previous.stage().retries().contains(next.stage()))
                .as("%s: %s after %s", job, next.stage(), previous.stage())
                .isTrue();
            assertThat(next.occurredAt()).as(job).isAfter(previous.occurredAt());
            assertThat(next.customer()).as(job).isNull();
            assertThat(previous.stage().terminal()).as(job).isFalse();
          }
        });
  }

  @Test
  void shouldSkipStagesAndFailDeliveriesAsRealJobsDo() {
    Map<String, List<OpsEvent>> byJob = originalsByJob(day(11, 300));
    Predicate<List<OpsEvent>> skipsParts =
        events ->
            events.stream().anyMatch(e -> e.stage() == Stage.IN_REPAIR)
                && events.stream().noneMatch(e -> e.stage() == Stage.WAITING_FOR_PARTS);

    assertThat(byJob.keySet()).anyMatch(key -> key.startsWith("acme-motors/RO-"));
    assertThat(byJob.keySet()).anyMatch(key -> key.startsWith("swift-parcels/PCL-"));
    assertThat(byJob.values()).anyMatch(skipsParts);
    assertThat(byJob.values())
        .anyMatch(events -> events.stream().anyMatch(e -> e.stage() == Stage.WAITING_FOR_PARTS));
    assertThat(byJob.values())
        .anyMatch(events -> events.get(events.size() - 1).stage() == Stage.RETURNED);
    assertThat(byJob.values())
        .as("a failed delivery retried and then delivered")
        .anyMatch(
            events ->
                events.stream().anyMatch(e -> e.stage() == Stage.DELIVERY_FAILED)
                    && events.get(events.size() - 1).stage() == Stage.DELIVERED);
    assertThat(byJob.values())
        .anyMatch(events -> events.get(events.size() - 1).stage() == Stage.DELIVERED);
    assertThat(byJob.values())
        .flatMap(events -> events)
        .anyMatch(e -> e.etaAt() != null)
        .anyMatch(e -> e.note() != null && e.note().contains("Brake pads ordered"));
  }

  @Test
  void shouldUseOnlyFictionalPhoneNumbers() {
    assertThat(originalsByJob(day(3, 100)).values())
        .allSatisfy(
            events ->
                assertThat(events.get(0).customer().phone()).matches("\\+1\\d{3}55501\\d{2}"));
  }

  @Test
  void shouldRepeatTheExactBytesOfAnEarlierEventAsDuplicates() {
    List<SimulatedEvent> events = day(5, 12);
    List<SimulatedEvent> duplicates = ofKind(events, SimulatedEvent.Kind.DUPLICATE);

    assertThat(duplicates).hasSize(3);
    for (SimulatedEvent duplicate : duplicates) {
      SimulatedEvent original =
          ofKind(events, SimulatedEvent.Kind.ORIGINAL).stream()
              .filter(e -> e.event().eventId().equals(duplicate.event().eventId()))
              .findFirst()
              .orElseThrow();
      assertThat(duplicate.payload()).isEqualTo(original.payload());
      assertThat(duplicate.key()).isEqualTo(original.key());
      assertThat(events.indexOf(duplicate)).isGreaterThan(events.indexOf(original));
    }
  }

  @Test
  void shouldMakeExactlyOneEventThatTheContractRejects() {
    List<SimulatedEvent> malformed = ofKind(day(5, 12), SimulatedEvent.Kind.MALFORMED);

    assertThat(malformed).hasSize(1);
    assertThatThrownBy(() -> WireCodec.OPS_EVENT.decode(malformed.get(0).payload()))
        .isInstanceOfSatisfying(
            InvalidPayloadException.class,
            e -> assertThat(e.violations()).anyMatch(v -> v.field().equals("/stage")));
  }

  @Test
  void shouldMakeEveryOtherEventValidAgainstTheContract() throws InvalidPayloadException {
    List<SimulatedEvent> events = day(9, 60);
    for (SimulatedEvent event : events) {
      if (event.kind() != SimulatedEvent.Kind.MALFORMED) {
        assertThat(WireCodec.OPS_EVENT.decode(event.payload())).isEqualTo(event.event());
        assertThat(event.key()).isEqualTo(event.event().key());
      }
    }
    assertThat(
            ofKind(events, SimulatedEvent.Kind.ORIGINAL).stream()
                .map(e -> e.event().eventId())
                .distinct())
        .hasSize(ofKind(events, SimulatedEvent.Kind.ORIGINAL).size());
  }

  @Test
  void shouldSendRecordsInSendTimeOrder() {
    List<SimulatedEvent> events = day(13, 30);
    for (int i = 1; i < events.size(); i++) {
      assertThat(events.get(i).sentAt()).isAfterOrEqualTo(events.get(i - 1).sentAt());
    }
  }

  @Test
  void shouldProduceTheSameDayForTheSameSeed() {
    List<SimulatedEvent> first = day(42, 20);
    List<SimulatedEvent> second = day(42, 20);
    List<SimulatedEvent> other = day(43, 20);

    assertThat(second).hasSameSizeAs(first);
    for (int i = 0; i < first.size(); i++) {
      assertThat(second.get(i).payload()).isEqualTo(first.get(i).payload());
      assertThat(second.get(i).sentAt()).isEqualTo(first.get(i).sentAt());
    }
    assertThat(other.get(0).payload()).isNotEqualTo(first.get(0).payload());
  }

  @Test
  void shouldPlayConsecutiveDaysAsTheirOwnSeedsWouldMergedInSendOrder() {
    SimulatedDay.Options first = new SimulatedDay.Options(50, 20, 3, 1, MORNING, 1_000);

    SimulatedDay.Script days = SimulatedDay.days(first, 3);

    List<GroundTruth> expected = new ArrayList<>();
    int records = 0;
    for (int day = 0; day < 3; day++) {
      SimulatedDay.Script script =
          SimulatedDay.script(
              new SimulatedDay.Options(
                  50 + day, 20, 3, 1, MORNING.plus(Duration.ofDays(day)), 1_000 + day * 20L));
      expected.addAll(script.truth());
      records += script.events().size();
    }
    assertThat(days.truth()).isEqualTo(expected);
    assertThat(days.events()).hasSize(records);
    assertThat(days.events()).extracting(SimulatedEvent::sentAt).isSorted();
  }

  @Test
  void shouldStartDaysWhenTheBusinessesOpen() {
    Instant lateEvening = Instant.parse("2026-11-24T04:33:00Z"); // 22:33 in Chicago, Nov 23

    assertThat(SimulatedDay.openingOf(lateEvening))
        .isEqualTo(Instant.parse("2026-11-23T13:30:00Z"));
    assertThat(SimulatedDay.openingAfter(lateEvening))
        .isEqualTo(Instant.parse("2026-11-24T13:30:00Z"));
    assertThat(SimulatedDay.openingOf(Instant.parse("2026-11-24T13:30:00Z")))
        .isEqualTo(Instant.parse("2026-11-24T13:30:00Z"));
  }
}
