package io.milepost.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireCodecTest {

  @Test
  void reportsEveryViolationNotJustTheFirst() {
    String event =
        """
        {"eventId": "e-1", "locationId": "springfield", "jobId": "RO-1",
         "journey": "vehicle-service", "stage": "WASHING", "occurredAt": "2026-11-24T08:00:00Z"}
        """;

    assertViolatedFields(event, "/tenantId", "/stage");
  }

  @Test
  void refusesU0000AnywhereEvenInAFieldItDoesNotKnow() {
    String event =
        """
        {"eventId": "e-1", "tenantId": "t", "locationId": "l", "jobId": "j",
         "journey": "delivery", "stage": "PICKED_UP", "occurredAt": "2026-11-24T08:00:00Z",
         "extra": {"lines": ["ok", "x\\u0000y"]}, "k\\u0000": 1}
        """;

    assertViolatedFields(event, "/extra/lines/1", "");
  }

  @Test
  void acceptsLineBreaksInANote() throws Exception {
    String event =
        """
        {"eventId": "e-1", "tenantId": "t", "locationId": "l", "jobId": "j",
         "journey": "delivery", "stage": "PICKED_UP", "occurredAt": "2026-11-24T08:00:00Z",
         "note": "Left at the back door.\\nCall on arrival."}
        """;

    assertThat(WireCodec.OPS_EVENT.decode(event.getBytes(StandardCharsets.UTF_8)).note())
        .isEqualTo("Left at the back door.\nCall on arrival.");
  }

  @Test
  void rejectsBytesThatAreNotJsonWithAReadableReason() {
    assertThatThrownBy(
            () -> WireCodec.OPS_EVENT.decode("{\"eventId\":".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidPayloadException.class)
        .hasMessageContaining("not JSON");
  }

  @Test
  void rejectsAnEmptyPayload() {
    assertThatThrownBy(() -> WireCodec.OPS_EVENT.decode(new byte[0]))
        .isInstanceOf(InvalidPayloadException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void rejectsAJsonDocumentThatIsNotAnObject() {
    assertThatThrownBy(() -> WireCodec.OPS_EVENT.decode("[1,2]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidPayloadException.class)
        .hasMessageContaining("JSON object");
  }

  @Test
  void ignoresUnknownFieldsSoProducersCanAddOptionalOnes() throws Exception {
    String event =
        """
        {"eventId": "e-1", "tenantId": "t", "locationId": "l", "jobId": "j", "bay": 4,
         "journey": "delivery", "stage": "PICKED_UP", "occurredAt": "2026-11-24T08:00:00Z"}
        """;

    OpsEvent decoded = WireCodec.OPS_EVENT.decode(event.getBytes(StandardCharsets.UTF_8));

    assertThat(decoded.stage()).isEqualTo(Stage.PICKED_UP);
    assertThat(decoded.key()).isEqualTo("t/j");
  }

  @Test
  void writesInstantsAsRfc3339AndLeavesAbsentFieldsOut() {
    BoardUpdate update =
        new BoardUpdate(
            "t",
            "l",
            "j",
            Journey.DELIVERY,
            Stage.CREATED,
            1,
            null,
            Instant.parse("2026-11-24T06:00:00Z"),
            null,
            null,
            null,
            List.of(new TimelineEntry(Stage.CREATED, Instant.parse("2026-11-24T06:00:00Z"))));

    String json = WireCodec.BOARD_UPDATE.encodeToString(update);

    assertThat(json)
        .contains("\"occurredAt\":\"2026-11-24T06:00:00Z\"")
        .contains("\"journey\":\"delivery\"")
        .doesNotContain("etaAt")
        .doesNotContain("null");
  }

  @Test
  void intentIdsAreStablePerJobKindAndVersion() {
    assertThat(Intent.idFor("acme", "RO-1", IntentKind.STAGE_CHANGED, 3))
        .isEqualTo(Intent.idFor("acme", "RO-1", IntentKind.STAGE_CHANGED, 3))
        .isNotEqualTo(Intent.idFor("acme", "RO-1", IntentKind.STAGE_CHANGED, 4));
  }

  @Test
  void intentIdsOfRecurringKindsAreStablePerInstanceAndOccurrence() {
    assertThat(Intent.idForOccurrence("acme", "RO-1", IntentKind.DELAY_RISK, 7, 1))
        .isEqualTo("acme/RO-1/DELAY_RISK/7/1")
        .isNotEqualTo(Intent.idForOccurrence("acme", "RO-1", IntentKind.DELAY_RISK, 7, 2))
        .isNotEqualTo(Intent.idForOccurrence("acme", "RO-1", IntentKind.SILENCE, 7, 1))
        .isNotEqualTo(Intent.idForOccurrence("acme", "RO-1", IntentKind.DELAY_RISK, 8, 1));
  }

  @Test
  void leavesNoAlertsAndNoStagesPassedOutAndReadsTheirAbsenceAsEmpty() throws Exception {
    BoardUpdate update =
        new BoardUpdate(
            "swift",
            "depot",
            "P-1",
            Journey.DELIVERY,
            Stage.CREATED,
            1,
            1L,
            Instant.parse("2026-11-24T06:00:00Z"),
            null,
            null,
            null,
            List.of(new TimelineEntry(Stage.CREATED, Instant.parse("2026-11-24T06:00:00Z"))),
            null,
            List.of());
    Intent intent =
        new Intent(
            "swift/P-1/STAGE_CHANGED/1",
            IntentKind.STAGE_CHANGED,
            "swift",
            "depot",
            "P-1",
            Journey.DELIVERY,
            Stage.CREATED,
            null,
            1,
            1L,
            null,
            Instant.parse("2026-11-24T06:00:00Z"),
            null,
            null,
            null,
            null,
            null);

    assertThat(WireCodec.BOARD_UPDATE.encodeToString(update)).doesNotContain("alerts");
    assertThat(WireCodec.INTENT.encodeToString(intent)).doesNotContain("stagesPassed", "reason");
    assertThat(WireCodec.BOARD_UPDATE.decode(WireCodec.BOARD_UPDATE.encode(update)).alerts())
        .isEmpty();
    assertThat(WireCodec.INTENT.decode(WireCodec.INTENT.encode(intent)).stagesPassed()).isEmpty();
  }

  /** Decoding {@code event} fails naming exactly these fields (JSON pointers), in any order. */
  private static void assertViolatedFields(String event, String... fields) {
    assertThatThrownBy(() -> WireCodec.OPS_EVENT.decode(event.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            InvalidPayloadException.class,
            e ->
                assertThat(e.violations())
                    .extracting(Violation::field)
                    .containsExactlyInAnyOrder(fields));
  }
}
