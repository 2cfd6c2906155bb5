package io.milepost.stream.progress;

import static io.milepost.stream.TestEvents.at;
import static io.milepost.stream.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.schemas.Alert;
import io.milepost.schemas.AlertKind;
import io.milepost.schemas.BoardUpdate;
import io.milepost.schemas.Intent;
import io.milepost.schemas.IntentKind;
import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.Stage;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A silence counts from the business's last report, not its last change: a restatement of the
 * current stage (a heartbeat, "still in repair") is heard. Operator harness on the default rules (2
 * h silence limit; IN_REPAIR waits on the business and notifies the customer).
 */
class HeardFromTheBusinessTest {
  private static final Duration GRACE = Duration.ofHours(1);
  private static final String KEY = "acme-motors/RO-1";

  private KeyedBroadcastOperatorTestHarness<String, OpsEvent, Shared, Intent> harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
            new JobProgressFunction(GRACE, Duration.ofDays(30), 64, Duration.ofMinutes(10)),
            OpsEvent::key,
            Types.STRING,
            JobProgressFunction.RULES,
            JobProgressFunction.LEARNED);
    harness.processBroadcastWatermark(Long.MAX_VALUE);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void aJobInRepairWithAHeartbeatEveryHourIsNeverSilent() throws Exception {
    push(event("e1", "RO-1", Stage.IN_REPAIR, 0).build());
    for (long hour = 1; hour <= 10; hour++) {
      watermark(hour * 60);
      int updates = boardUpdates().size();
      push(event("h" + hour, "RO-1", Stage.IN_REPAIR, hour * 60).build());
      // Heard, but nothing visible changed: no board update, no new version of the job.
      assertThat(boardUpdates()).hasSize(updates);
    }
    watermark(10 * 60 + 119);

    assertThat(intentsOf(IntentKind.SILENCE)).isEmpty();
    assertThat(boardUpdates())
        .flatExtracting(BoardUpdate::alerts)
        .extracting(Alert::kind)
        .doesNotContain(AlertKind.SILENCE);
    assertThat(progress().occurredAt()).isEqualTo(at(0));
    assertThat(heartbeats()).extracting(Heartbeat::at).last().isEqualTo(at(600));

    // Once the reports stop, the silence counts from the last one.
    watermark(10 * 60 + 120);
    assertThat(intentsOf(IntentKind.SILENCE))
        .singleElement()
        .satisfies(
            silence -> {
              assertThat(silence.occurredAt()).isEqualTo(at(720));
              assertThat(silence.reason().minutes()).isEqualTo(120);
            });
    closeAndExpectNothingLeft(800);
  }

  @Test
  void aHeartbeatClosesAnOpenSilenceAlert() throws Exception {
    push(event("e1", "RO-1", Stage.IN_REPAIR, 0).build());
    watermark(130);
    assertThat(intentsOf(IntentKind.SILENCE)).singleElement();
    assertThat(lastBoardUpdate().alerts()).extracting(Alert::kind).contains(AlertKind.SILENCE);
    long before = lastBoardUpdate().version();

    push(event("h1", "RO-1", Stage.IN_REPAIR, 150).build());

    BoardUpdate update = lastBoardUpdate();
    assertThat(update.alerts()).extracting(Alert::kind).doesNotContain(AlertKind.SILENCE);
    assertThat(update.version()).isGreaterThan(before);
    assertThat(update.occurredAt()).isEqualTo(at(0)); // the job itself did not change
    // The next silence counts from the heartbeat, and is a second occurrence.
    watermark(269);
    assertThat(intentsOf(IntentKind.SILENCE)).hasSize(1);
    watermark(270);
    assertThat(intentsOf(IntentKind.SILENCE))
        .extracting(Intent::occurrence, Intent::occurredAt)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, at(120)),
            org.assertj.core.groups.Tuple.tuple(2, at(270)));
    closeAndExpectNothingLeft(300);
  }

  @Test
  void aDuplicateEventIdDoesNotRefreshTheSilence() throws Exception {
    push(event("e1", "RO-1", Stage.IN_REPAIR, 0).build());
    push(event("h1", "RO-1", Stage.IN_REPAIR, 60).build());
    // A producer's retry of h1, stamped again on the way: the same report, not a new one.
    push(event("h1", "RO-1", Stage.IN_REPAIR, 100).build());
    // So is a resend of the stage's own event.
    push(event("e1", "RO-1", Stage.IN_REPAIR, 110).build());

    watermark(179);
    assertThat(intentsOf(IntentKind.SILENCE)).isEmpty();
    watermark(180);
    assertThat(intentsOf(IntentKind.SILENCE))
        .singleElement()
        .satisfies(silence -> assertThat(silence.occurredAt()).isEqualTo(at(180)));
    assertThat(heartbeats()).extracting(Heartbeat::at).containsExactly(at(60));
    closeAndExpectNothingLeft(200);
  }

  @Test
  void aStaleRestatementDoesNotRefreshTheSilence() throws Exception {
    push(event("e1", "RO-1", Stage.CHECKED_IN, 0).build());
    push(event("e2", "RO-1", Stage.IN_REPAIR, 60).build());
    push(event("h1", "RO-1", Stage.IN_REPAIR, 120).build());
    // Older than the latest report: one stamped between the stage's event and the heartbeat, and
    // one stamped before the stage's event.
    push(event("h0", "RO-1", Stage.IN_REPAIR, 90).build());
    push(event("h00", "RO-1", Stage.IN_REPAIR, 50).build());

    watermark(239);
    assertThat(intentsOf(IntentKind.SILENCE)).isEmpty();
    watermark(240);
    assertThat(intentsOf(IntentKind.SILENCE))
        .singleElement()
        .satisfies(silence -> assertThat(silence.reason().minutes()).isEqualTo(120));
    assertThat(heartbeats()).extracting(Heartbeat::at).containsExactly(at(120));
    closeAndExpectNothingLeft(300);
  }

  private void closeAndExpectNothingLeft(long minute) throws Exception {
    push(event("end", "RO-1", Stage.COLLECTED, minute).build());
    harness.processWatermark(at(minute).plus(GRACE).toEpochMilli());
    assertThat(HarnessState.keyedEntries(harness)).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  private JobProgress progress() throws Exception {
    return HarnessState.value(harness, KEY, "progress", JobProgress.class);
  }

  private void push(OpsEvent event) throws Exception {
    harness.processElement(event, event.occurredAt().toEpochMilli());
  }

  private void watermark(long minute) throws Exception {
    harness.processWatermark(at(minute).toEpochMilli());
  }

  private List<Intent> intentsOf(IntentKind kind) {
    return harness.extractOutputValues().stream().filter(i -> i.kind() == kind).toList();
  }

  private List<BoardUpdate> boardUpdates() {
    return harness.getSideOutput(JobProgressFunction.BOARD_UPDATES).stream()
        .map(StreamRecord::getValue)
        .toList();
  }

  private List<Heartbeat> heartbeats() {
    var out = harness.getSideOutput(JobProgressFunction.HEARTBEATS);
    return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
  }

  private BoardUpdate lastBoardUpdate() {
    List<BoardUpdate> all = boardUpdates();
    return all.get(all.size() - 1);
  }
}
