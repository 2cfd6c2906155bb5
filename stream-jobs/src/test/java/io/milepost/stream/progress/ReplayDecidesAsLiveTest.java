package io.milepost.stream.progress;

import static io.milepost.stream.TestEvents.DANA;
import static io.milepost.stream.TestEvents.at;
import static io.milepost.stream.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

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
import org.junit.jupiter.api.Test;

/**
 * A replay decides as the live run did: when a source reads another partition hours ahead, the
 * watermark (the minimum) lags, and a job's next event arrives before its timers fired. What was
 * due before the event is decided before it, whatever the watermark. Two harnesses on the same
 * events: one whose watermark follows the events (live), one whose watermark is held back until the
 * end (replay).
 */
class ReplayDecidesAsLiveTest {
  private static final Duration GRACE = Duration.ofHours(1);

  private static final List<OpsEvent> EVENTS =
      List.of(
          event("e1", "RO-1", Stage.CHECKED_IN, 0).customer(DANA).build(),
          // Inside the digest window of the first news: held, told at the window's end.
          event("e2", "RO-1", Stage.IN_REPAIR, 5).build(),
          // Three hours after the last report, in a stage that waits on the business.
          event("e3", "RO-1", Stage.READY_FOR_PICKUP, 185).build(),
          event("e4", "RO-1", Stage.COLLECTED, 200).build());

  @Test
  void anEventHoursAfterTheLastReportYieldsTheSilenceBeforeItsOwnIntentsAsLive() throws Exception {
    Run live = run(true);
    Run replay = run(false);

    assertThat(replay.intents())
        .extracting(Intent::kind, Intent::stage, Intent::occurrence)
        .containsExactly(
            tuple(IntentKind.STAGE_CHANGED, Stage.CHECKED_IN, null),
            tuple(IntentKind.STAGE_CHANGED, Stage.IN_REPAIR, null),
            tuple(IntentKind.SILENCE, Stage.IN_REPAIR, 1),
            tuple(IntentKind.STAGE_CHANGED, Stage.READY_FOR_PICKUP, null),
            tuple(IntentKind.STAGE_CHANGED, Stage.COLLECTED, null));
    // IN_REPAIR was held by the digest and told at the window's end, not by its event.
    assertThat(replay.intents().get(1).sourceEventId()).isNull();
    assertThat(replay.intents().get(2).occurredAt()).isEqualTo(at(125)); // its due time
    assertThat(replay.intents()).isEqualTo(live.intents());
    assertThat(replay.boardUpdates()).isEqualTo(live.boardUpdates());
  }

  private record Run(List<Intent> intents, List<BoardUpdate> boardUpdates) {}

  /** The events in order; the watermark just before each one (live), or only at the end. */
  private static Run run(boolean watermarkFollows) throws Exception {
    try (KeyedBroadcastOperatorTestHarness<String, OpsEvent, Shared, Intent> harness =
        ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
            new JobProgressFunction(GRACE, Duration.ofDays(30), 64, Duration.ofMinutes(10)),
            OpsEvent::key,
            Types.STRING,
            JobProgressFunction.RULES,
            JobProgressFunction.LEARNED)) {
      harness.processBroadcastWatermark(Long.MAX_VALUE);
      for (OpsEvent event : EVENTS) {
        long t = event.occurredAt().toEpochMilli();
        if (watermarkFollows) {
          harness.processWatermark(t - 1);
        }
        harness.processElement(event, t);
      }
      harness.processWatermark(at(200).plus(GRACE).toEpochMilli());

      assertThat(HarnessState.keyedEntries(harness)).isZero();
      assertThat(harness.numEventTimeTimers()).isZero();
      return new Run(
          List.copyOf(harness.extractOutputValues()),
          harness.getSideOutput(JobProgressFunction.BOARD_UPDATES).stream()
              .map(StreamRecord::getValue)
              .toList());
    }
  }
}
