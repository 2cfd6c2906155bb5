package io.milepost.stream.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.stream.ingest.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The CX metrics' pure decisions, without Flink. */
class CxDecisionsTest {
  private static final Instant NOW = Instant.parse("2026-11-24T14:00:30Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @Test
  void aDeadLetterCountsForTheTenantOfItsKeyElseOfItsPayloadElseUnknown() {
    assertThat(DeadLetterFacts.of(letter("acme-motors/RO-8", "{\"eventId\":"), CLOCK))
        .extracting(CxFact::tenantId, CxFact::locationId, CxFact::at)
        .containsExactly("acme-motors", DeadLetterFacts.UNKNOWN, NOW);
    // A rules record's key is the tenant itself.
    assertThat(DeadLetterFacts.of(letter("swift-parcels", "{}"), CLOCK).tenantId())
        .isEqualTo("swift-parcels");
    assertThat(
            DeadLetterFacts.of(
                letter(null, "{\"tenantId\":\"acme-motors\",\"locationId\":\"springfield\"}"),
                CLOCK))
        .extracting(CxFact::tenantId, CxFact::locationId)
        .containsExactly("acme-motors", "springfield");
    assertThat(DeadLetterFacts.of(letter("bad key/RO-1", "not json"), CLOCK))
        .extracting(CxFact::tenantId, CxFact::locationId)
        .containsExactly(DeadLetterFacts.UNKNOWN, DeadLetterFacts.UNKNOWN);
    assertThat(DeadLetterFacts.of(letter(null, null), CLOCK).tenantId())
        .isEqualTo(DeadLetterFacts.UNKNOWN);
  }

  @Test
  void aLateFactCountsInTheFirstWindowStillOpen() {
    CxFact late = new CxFact("t", "l", CxFact.Kind.PROMISE_KEPT, NOW.minusSeconds(600), 0, "RO-1");
    long watermark = NOW.toEpochMilli();

    assertThat(Measures.countsAt(late, watermark)).isEqualTo(watermark + 1);
    assertThat(Measures.countsAt(late, Long.MIN_VALUE)).isEqualTo(late.at().toEpochMilli());
    assertThat(Measures.windowStart(NOW.toEpochMilli()))
        .isEqualTo(Instant.parse("2026-11-24T14:00:00Z").toEpochMilli());
  }

  @Test
  void aLocalDayStartsAtLocalMidnightAlsoOnADaylightSavingChange() {
    ZoneId chicago = ZoneId.of("America/Chicago");
    assertThat(Measures.day(Instant.parse("2026-11-25T05:59:59Z").toEpochMilli(), chicago))
        .isEqualTo(LocalDate.parse("2026-11-24"));
    assertThat(Measures.dayStart(LocalDate.parse("2026-11-01"), chicago))
        .isEqualTo(Instant.parse("2026-11-01T05:00:00Z")); // still CDT at midnight
    assertThat(Measures.dayStart(LocalDate.parse("2026-11-02"), chicago))
        .isEqualTo(Instant.parse("2026-11-02T06:00:00Z")); // a 25-hour day before it
  }

  @Test
  void anAlertIsRaisedOnTheWayOverTheThresholdOnceAndReArmedAtOrUnderIt() {
    assertThat(CxAlerts.raise(false, 3, 3)).isFalse(); // "more than 3"
    assertThat(CxAlerts.raise(false, 4, 3)).isTrue();
    assertThat(CxAlerts.raise(true, 5, 3)).isFalse();
    assertThat(CxAlerts.over(3, 5)).isFalse(); // a higher threshold re-arms it
  }

  private static DeadLetter letter(String key, String value) {
    return new DeadLetter(
        key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        value == null ? null : value.getBytes(StandardCharsets.UTF_8),
        "reason",
        null,
        "milepost.ops-events",
        0,
        1);
  }
}
