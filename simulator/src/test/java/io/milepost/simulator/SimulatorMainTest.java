package io.milepost.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.WireCodec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorMainTest {

  /** Wall-clock time of the runs: days after the simulated ones, as a real run would be. */
  private static final Instant WALL = Instant.parse("2026-11-29T15:00:00Z");

  private final FakeTime time = new FakeTime(WALL);

  /** Records what the simulator delivers and the wall clock at each send; refuses nothing. */
  private final class RecordingSink implements EventSink {
    final List<SimulatedEvent> received = new ArrayList<>();
    final List<Instant> receivedAt = new ArrayList<>();

    @Override
    public String send(SimulatedEvent event) {
      received.add(event);
      receivedAt.add(time.instant());
      return "ok";
    }

    @Override
    public void close() {}
  }

  @Test
  void shouldPlayADayPrintingOneLinePerRecordAndASummary() throws Exception {
    SimulatorMain.Options options =
        SimulatorMain.Options.parse(
            new String[] {
              "--jobs",
              "4",
              "--speed",
              "100000000",
              "--seed",
              "5",
              "--start",
              "2026-11-24T14:00:00Z"
            },
            Map.of());
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    RecordingSink sink = new RecordingSink();

    int failures = simulator(options, printed).play(sink);

    String output = printed.toString(StandardCharsets.UTF_8);
    assertThat(failures).isZero();
    List<SimulatedEvent> expected =
        SimulatedDay.generate(new SimulatedDay.Options(5, 4, 3, 1, options.start(), 5_000));
    assertThat(sink.received)
        .extracting(SimulatedEvent::kind, SimulatedEvent::key, SimulatedEvent::description)
        .containsExactlyElementsOf(
            expected.stream().map(e -> tuple(e.kind(), e.key(), e.description())).toList());
    assertThat(output.lines().filter(line -> line.contains(" ok"))).hasSize(sink.received.size());
    assertThat(output).contains("CHECKED_IN").contains("malformed").contains("duplicate of");
    assertThat(output).containsPattern("Summary: \\d+ events of 4 jobs, 3 duplicates, 1 malformed");
  }

  @Test
  void shouldStampEachEventWithTheWallClockWhenSentAndCompressTheDaysDurations() throws Exception {
    Instant simulatedStart = Instant.parse("2026-11-24T13:30:00Z");
    SimulatorMain.Options options =
        SimulatorMain.Options.parse(
            new String[] {
              "--jobs", "6", "--speed", "600", "--seed", "5", "--start", simulatedStart.toString()
            },
            Map.of());
    RecordingSink sink = new RecordingSink();

    simulator(options, new ByteArrayOutputStream()).play(sink);

    List<SimulatedEvent> script =
        SimulatedDay.generate(new SimulatedDay.Options(5, 6, 3, 1, simulatedStart, 5_000));
    Map<String, byte[]> sentBytes = new HashMap<>();
    for (int i = 0; i < sink.received.size(); i++) {
      SimulatedEvent sent = sink.received.get(i);
      Instant sentAt = sink.receivedAt.get(i);
      switch (sent.kind()) {
        case ORIGINAL -> {
          OpsEvent event = WireCodec.OPS_EVENT.decode(sent.payload());
          OpsEvent scripted = script.get(i).event();
          assertThat(event.occurredAt()).as(sent.toString()).isEqualTo(sentAt);
          // Every duration of the day, compressed 600 times: here, from the day's start.
          assertThat(Duration.between(WALL, event.occurredAt()))
              .isEqualTo(compressed(Duration.between(simulatedStart, scripted.occurredAt())));
          if (scripted.promisedAt() != null) {
            // Both ends rounded down to the millisecond: the distance may differ by one.
            assertThat(Duration.between(event.occurredAt(), event.promisedAt()).toMillis())
                .isCloseTo(
                    compressed(Duration.between(scripted.occurredAt(), scripted.promisedAt()))
                        .toMillis(),
                    within(1L));
          }
          sentBytes.put(event.eventId(), sent.payload());
        }
        case DUPLICATE ->
            assertThat(sent.payload())
                .as("a producer's retry repeats what it sent")
                .isEqualTo(sentBytes.get(sent.event().eventId()));
        case MALFORMED ->
            assertThat(WireCodec.MAPPER.readTree(sent.payload()).get("occurredAt").asString())
                .isEqualTo(sentAt.toString());
      }
    }
    assertThat(sink.received).hasSameSizeAs(script);
    assertThat(time.instant())
        .as("the day, compressed")
        .isEqualTo(WALL.plus(compressed(Duration.between(simulatedStart, last(script).sentAt()))));
  }

  private static Duration compressed(Duration simulated) {
    return Duration.ofMillis(simulated.toNanos() / 600 / 1_000_000);
  }

  private static SimulatedEvent last(List<SimulatedEvent> events) {
    return events.get(events.size() - 1);
  }

  @Test
  void shouldCountARefusedMalformedEventAsExpectedAndAnyOtherRefusalAsAFailure() throws Exception {
    SimulatorMain.Options options =
        SimulatorMain.Options.parse(
            new String[] {"--jobs", "3", "--speed", "100000000", "--seed", "8"}, Map.of());
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    EventSink strictIngest =
        new EventSink() {
          @Override
          public String send(SimulatedEvent event) throws DeliveryException {
            if (event.kind() != SimulatedEvent.Kind.ORIGINAL) {
              throw new DeliveryException("HTTP 400", null);
            }
            return "HTTP 202";
          }

          @Override
          public void close() {}
        };

    int failures = simulator(options, printed).play(strictIngest);

    assertThat(failures).isEqualTo(3);
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("rejected as expected: HTTP 400")
        .contains("(1 rejected at the door); 3 failed");
  }

  @Test
  void shouldSendBulkEventsUnpacedWithProgressAndASummary() {
    SimulatorMain.Options options =
        SimulatorMain.Options.parse(new String[] {"--bulk", "120000", "--seed", "3"}, Map.of());
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    RecordingSink sink = new RecordingSink();

    int failures = simulator(options, printed).bulk(sink);

    assertThat(failures).isZero();
    assertThat(sink.received).hasSize(120_000);
    assertThat(sink.received).allMatch(event -> event.kind() == SimulatedEvent.Kind.ORIGINAL);
    // In the past, up to now, never after: a receiver refuses events from the future.
    assertThat(sink.received).allMatch(event -> !event.event().occurredAt().isAfter(WALL));
    assertThat(last(sink.received).event().occurredAt()).isAfter(WALL.minusSeconds(2));
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("100,000 events sent")
        .contains("Summary: 120,000 events sent in");
  }

  @Test
  void shouldRefuseABulkStartThatWouldStampEventsInTheFuture() {
    SimulatorMain.Options options =
        SimulatorMain.Options.parse(
            new String[] {
              "--bulk", "10000", "--seed", "3", "--start", WALL.minusSeconds(3600).toString()
            },
            Map.of());
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    RecordingSink sink = new RecordingSink();

    int failures = simulator(options, printed).bulk(sink);

    assertThat(failures).isEqualTo(1);
    assertThat(sink.received).isEmpty();
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("would be stamped in the future");
  }

  @Test
  void shouldWriteEachJobsTruthOnTheWallClockItsEventsAreStampedWith(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("truth.jsonl");
    SimulatorMain.Options options =
        SimulatorMain.Options.parse(
            new String[] {
              "--jobs",
              "6",
              "--speed",
              "600",
              "--seed",
              "5",
              "--truth",
              file.toString(),
              "--start",
              "2026-11-24T13:30:00Z"
            },
            Map.of());
    RecordingSink sink = new RecordingSink();

    try (TruthFile truth = TruthFile.open(options.truth())) {
      simulator(options, new ByteArrayOutputStream()).play(sink, truth);
    }

    List<GroundTruth> truth = GroundTruth.read(file);
    assertThat(truth).hasSize(6);
    for (GroundTruth job : truth) {
      List<OpsEvent> sent =
          sink.received.stream()
              .filter(e -> e.kind() == SimulatedEvent.Kind.ORIGINAL && e.key().equals(job.key()))
              .map(SimulatedEvent::event)
              .toList();
      assertThat(sent.get(0).promisedAt()).isEqualTo(job.promisedAt());
      for (GroundTruth.StageEntry entry : job.stages()) {
        assertThat(sent)
            .as("%s entered %s as stamped", job.key(), entry.stage())
            .anyMatch(e -> e.stage() == entry.stage() && e.occurredAt().equals(entry.enteredAt()));
      }
    }
  }

  @Test
  void shouldSendAWeekOfRealisticVolumeStampedInThePastWithEveryJobsTruth(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("week.jsonl");
    SimulatorMain.Options options =
        SimulatorMain.Options.parse(
            new String[] {
              "--days", "7", "--jobs", "600", "--seed", "3", "--truth", file.toString()
            },
            Map.of());
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    RecordingSink sink = new RecordingSink();
    long started = System.nanoTime();

    int failures;
    try (TruthFile truth = TruthFile.open(options.truth())) {
      failures = simulator(options, printed).days(sink, truth);
    }

    assertThat(failures).isZero();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    List<GroundTruth> truth = GroundTruth.read(file);
    assertThat(truth).hasSize(7 * 600).extracting(GroundTruth::key).doesNotHaveDuplicates();
    assertThat(truth.get(0).stages().get(0).enteredAt())
        .isAfter(WALL.minus(Duration.ofDays(8)))
        .isBefore(WALL.minus(Duration.ofDays(6)));
    assertThat(sink.received).allMatch(event -> !event.sentAt().isAfter(WALL));
    assertThat(sink.received)
        .filteredOn(event -> event.kind() == SimulatedEvent.Kind.ORIGINAL)
        .allMatch(event -> event.event().occurredAt().equals(event.sentAt()));
    assertThat(sink.received)
        .filteredOn(e -> e.kind() == SimulatedEvent.Kind.DUPLICATE)
        .hasSize(21);
    java.util.Set<String> keys = new java.util.HashSet<>();
    sink.received.forEach(event -> keys.add(event.key()));
    assertThat(truth).allMatch(job -> keys.contains(job.key()));
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .containsPattern("Summary: [\\d,]+ events of 4,200 jobs, 21 duplicates, 7 malformed")
        .contains("records after now held back")
        .contains("4,200 truth lines");
  }

  @Test
  void shouldWriteTheTruthOfEveryJobABulkLoadStarts(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bulk.jsonl");
    SimulatorMain.Options options =
        SimulatorMain.Options.parse(
            new String[] {"--bulk", "5000", "--seed", "3", "--truth", file.toString()}, Map.of());
    RecordingSink sink = new RecordingSink();

    try (TruthFile truth = TruthFile.open(options.truth())) {
      simulator(options, new ByteArrayOutputStream()).bulk(sink, truth);
    }

    java.util.Set<String> truthKeys = new java.util.HashSet<>();
    Files.readAllLines(file).forEach(line -> truthKeys.add(GroundTruth.fromJsonLine(line).key()));
    assertThat(sink.received).allMatch(event -> truthKeys.contains(event.key()));
  }

  @Test
  void shouldRefuseBulkAndDaysTogether() {
    assertThatThrownBy(
            () ->
                SimulatorMain.Options.parse(new String[] {"--bulk", "10", "--days", "7"}, Map.of()))
        .hasMessageContaining("--days");
  }

  private SimulatorMain simulator(SimulatorMain.Options options, ByteArrayOutputStream printed) {
    return new SimulatorMain(
        options, new PrintStream(printed, true, StandardCharsets.UTF_8), time, time);
  }

  @Test
  void shouldReadDefaultsFromTheEnvironmentAndRejectUnknownOptions() {
    SimulatorMain.Options options =
        SimulatorMain.Options.parse(
            new String[] {"--loop"}, Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker:29092"));

    assertThat(options.bootstrapServers()).isEqualTo("broker:29092");
    assertThat(options.loop()).isTrue();
    assertThat(options.jobs()).isEqualTo(12);
    assertThatThrownBy(() -> SimulatorMain.Options.parse(new String[] {"--jobz", "3"}, Map.of()))
        .hasMessageContaining("--jobz");
    assertThatThrownBy(
            () ->
                SimulatorMain.Options.parse(
                    new String[] {"--ingest-url", "http://localhost:8080/api/v1/events"}, Map.of()))
        .hasMessageContaining("--api-key");
  }
}
