package io.milepost.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorMainTest {

  /** Records what the simulator delivers; refuses nothing. */
  private static final class RecordingSink implements EventSink {
    final List<SimulatedEvent> received = new ArrayList<>();

    @Override
    public String send(SimulatedEvent event) {
      received.add(event);
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

    int failures =
        new SimulatorMain(options, new PrintStream(printed, true, StandardCharsets.UTF_8))
            .play(sink);

    String output = printed.toString(StandardCharsets.UTF_8);
    assertThat(failures).isZero();
    List<SimulatedEvent> expected =
        SimulatedDay.generate(new SimulatedDay.Options(5, 4, 3, 1, options.start(), 5_000));
    assertThat(sink.received)
        .extracting(e -> new String(e.payload(), StandardCharsets.UTF_8))
        .containsExactlyElementsOf(
            expected.stream().map(e -> new String(e.payload(), StandardCharsets.UTF_8)).toList());
    assertThat(output.lines().filter(line -> line.contains(" ok"))).hasSize(sink.received.size());
    assertThat(output).contains("CHECKED_IN").contains("malformed").contains("duplicate of");
    assertThat(output).containsPattern("Summary: \\d+ events of 4 jobs, 3 duplicates, 1 malformed");
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

    int failures =
        new SimulatorMain(options, new PrintStream(printed, true, StandardCharsets.UTF_8))
            .play(strictIngest);

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

    int failures =
        new SimulatorMain(options, new PrintStream(printed, true, StandardCharsets.UTF_8))
            .bulk(sink);

    assertThat(failures).isZero();
    assertThat(sink.received).hasSize(120_000);
    assertThat(sink.received).allMatch(event -> event.kind() == SimulatedEvent.Kind.ORIGINAL);
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("100,000 events sent")
        .contains("Summary: 120,000 events sent in");
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
