package io.milepost.stream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.Stage;
import io.milepost.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ValidateEventsTest {
  private static final String VALID =
      """
      {"eventId":"dms-1","tenantId":"acme-motors","locationId":"springfield","jobId":"RO-1",
       "journey":"vehicle-service","stage":"DIAGNOSING","occurredAt":"2026-11-24T08:20:00Z"}
      """;
  private static final String WRONG_JOURNEY = VALID.replace("DIAGNOSING", "DELIVERED");

  /** The receiver's clock: ten minutes before the valid event's time, exactly the allowed skew. */
  private static final Instant NOW = Instant.parse("2026-11-24T08:10:00Z");

  private static final Duration SKEW = Duration.ofMinutes(10);

  private OneInputStreamOperatorTestHarness<RawEvent, OpsEvent> harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forProcessFunction(
            new ValidateEvents(SKEW, Clock.fixed(NOW, ZoneOffset.UTC)));
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void validEventPassesParsed() throws Exception {
    harness.processElement(raw(VALID, 7), 0);

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.jobId()).isEqualTo("RO-1");
              assertThat(event.stage()).isEqualTo(Stage.DIAGNOSING);
            });
    assertThat(deadLetters()).isEmpty();
  }

  @Test
  void malformedJsonBecomesADeadLetterWithItsOriginalBytes() throws Exception {
    RawEvent raw = raw("{\"eventId\":", 8);

    harness.processElement(raw, 0);

    assertThat(harness.extractOutputValues()).isEmpty();
    DeadLetter letter = deadLetters().get(0);
    assertThat(letter.value()).isEqualTo(raw.value());
    assertThat(letter.key()).isEqualTo(raw.key());
    assertThat(letter.reason()).startsWith("the payload is not JSON");
    assertThat(letter.field()).as("no single field is to blame").isNull();
    assertThat(letter.sourceOffset()).isEqualTo(8);
    assertThat(letter.sourcePartition()).isEqualTo(1);
  }

  @Test
  void stageOfAnotherJourneyIsDeadLetteredNamingTheField() throws Exception {
    harness.processElement(raw(WRONG_JOURNEY, 9), 0);

    DeadLetter letter = deadLetters().get(0);
    assertThat(letter.field()).isEqualTo("/stage");
    assertThat(letter.reason()).contains("DELIVERED is not a stage of journey vehicle-service");
  }

  @Test
  void shouldDeadLetterAnEventStampedFurtherAheadOfTheClockThanTheSkewAllows() throws Exception {
    String aheadByASecondTooMuch = VALID.replace("08:20:00Z", "08:20:01Z");

    harness.processElement(raw(aheadByASecondTooMuch, 10), 0);
    harness.processElement(
        raw(VALID.replace("2026-11-24T08:20:00Z", "2036-01-01T00:00:00Z"), 11), 0);

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(deadLetters())
        .extracting(DeadLetter::field, DeadLetter::sourceOffset)
        .containsExactly(tuple("/occurredAt", 10L), tuple("/occurredAt", 11L));
    assertThat(deadLetters().get(1).reason())
        .contains("2036-01-01T00:00:00Z", "ahead of the receiver's clock", NOW.toString());
    assertThat(deadLetters().get(1).value())
        .isEqualTo(raw(VALID.replace("2026-11-24T08:20:00Z", "2036-01-01T00:00:00Z"), 11).value());
  }

  @Test
  void tombstoneBecomesADeadLetterToo() throws Exception {
    harness.processElement(new RawEvent(Topics.OPS_EVENTS, 0, 3, null, null), 0);

    DeadLetter letter = deadLetters().get(0);
    assertThat(letter.value()).isNull();
    assertThat(letter.reason()).isEqualTo("the payload is empty");
  }

  private static RawEvent raw(String json, long offset) {
    return new RawEvent(
        Topics.OPS_EVENTS,
        1,
        offset,
        "acme-motors/RO-1".getBytes(StandardCharsets.UTF_8),
        json.getBytes(StandardCharsets.UTF_8));
  }

  private List<DeadLetter> deadLetters() {
    return harness.getSideOutput(ValidateEvents.DEAD_LETTERS) == null
        ? List.of()
        : harness.getSideOutput(ValidateEvents.DEAD_LETTERS).stream()
            .map(StreamRecord::getValue)
            .toList();
  }
}
