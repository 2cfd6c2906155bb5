package io.milepost.simulator;

import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.schemas.InvalidPayloadException;
import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.WireCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BulkEventsTest {
  private static final Instant START = Instant.parse("2026-01-05T06:00:00Z");

  @Test
  void shouldStreamValidUniqueEventsInEventTimeOrderAndJourneyOrderPerJob()
      throws InvalidPayloadException {
    List<SimulatedEvent> events = BulkEvents.stream(1, START).limit(20_000).toList();

    Set<String> eventIds = new HashSet<>();
    Map<String, OpsEvent> lastByJob = new HashMap<>();
    Instant previous = Instant.MIN;
    for (SimulatedEvent record : events) {
      OpsEvent event = WireCodec.OPS_EVENT.decode(record.payload());
      assertThat(eventIds.add(event.eventId())).as(event.eventId()).isTrue();
      assertThat(event.occurredAt()).isAfterOrEqualTo(previous);
      previous = event.occurredAt();
      OpsEvent last = lastByJob.put(record.key(), event);
      if (last == null) {
        assertThat(event.customer()).as(record.key()).isNotNull();
      } else {
        assertThat(
                event.stage().position() >= last.stage().position()
                    || last.stage().retries().contains(event.stage()))
            .as("%s: %s after %s", record.key(), event.stage(), last.stage())
            .isTrue();
      }
    }
    assertThat(lastByJob).hasSizeGreaterThan(2_000);
  }

  @Test
  void shouldStreamTheSameEventsForTheSameSeed() {
    List<SimulatedEvent> first = BulkEvents.stream(7, START).limit(2_000).toList();
    List<SimulatedEvent> second = BulkEvents.stream(7, START).limit(2_000).toList();

    for (int i = 0; i < first.size(); i++) {
      assertThat(second.get(i).payload()).isEqualTo(first.get(i).payload());
    }
  }

  @Test
  void shouldKeepJobIdsApartBetweenStreamsWithDistinctSequenceRanges() {
    Set<String> first =
        BulkEvents.stream(1, START, 0).limit(5_000).map(SimulatedEvent::key).collect(toSet());
    Set<String> second =
        BulkEvents.stream(2, START, 1_000_000)
            .limit(5_000)
            .map(SimulatedEvent::key)
            .collect(toSet());

    assertThat(first).doesNotContainAnyElementsOf(second);
  }

  @Test
  void shouldStartLateEnoughThatNoEventIsStampedAfterNow() {
    Instant now = Instant.parse("2026-11-29T15:00:00.250Z");

    Instant start = BulkEvents.startEndingBy(4, 50_000, now);
    List<SimulatedEvent> events = BulkEvents.stream(4, start, 7_000_000).limit(50_000).toList();

    assertThat(events).allMatch(event -> !event.event().occurredAt().isAfter(now));
    assertThat(events.get(events.size() - 1).event().occurredAt()).isAfter(now.minusSeconds(1));
    assertThat(start)
        .as("50,000 events cover more than a day")
        .isBefore(now.minus(Duration.ofDays(1)));
  }

  @Test
  void shouldGoOnFarBeyondWhatOneDayHolds() {
    // A million events pass through without the stream keeping them: only jobs in flight stay.
    long count = BulkEvents.stream(3, START).limit(1_000_000).count();

    assertThat(count).isEqualTo(1_000_000);
  }
}
