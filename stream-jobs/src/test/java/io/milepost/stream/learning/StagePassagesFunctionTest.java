package io.milepost.stream.learning;

import static io.milepost.stream.TestEvents.at;
import static io.milepost.stream.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.Stage;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each job's passages, upstream of the job operator: operator harness. */
class StagePassagesFunctionTest {
  private static final Duration GRACE = Duration.ofHours(1);
  private static final Duration INACTIVITY = Duration.ofDays(30);

  private KeyedOneInputStreamOperatorTestHarness<String, OpsEvent, StagePassage> harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new StagePassagesFunction(GRACE, INACTIVITY), OpsEvent::key, Types.STRING);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void shouldEmitEachStageLeftOnceEvenWhenEventsAreRepeated() throws Exception {
    push(event("e1", "RO-1", Stage.CHECKED_IN, 0).build());
    push(event("e2", "RO-1", Stage.DIAGNOSING, 10).build());
    push(event("e2", "RO-1", Stage.DIAGNOSING, 10).build()); // a producer's retry
    push(event("e3", "RO-1", Stage.IN_REPAIR, 70).build());

    assertThat(harness.extractOutputValues())
        .extracting(StagePassage::stage, StagePassage::entered)
        .containsExactly(
            org.assertj.core.api.Assertions.tuple(Stage.CHECKED_IN, true),
            org.assertj.core.api.Assertions.tuple(Stage.DIAGNOSING, true),
            org.assertj.core.api.Assertions.tuple(Stage.AWAITING_APPROVAL, false),
            org.assertj.core.api.Assertions.tuple(Stage.WAITING_FOR_PARTS, false));
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
  }

  @Test
  void shouldCountStateAndTimersBackToZeroAfterTheCloseAndItsGrace() throws Exception {
    push(event("e1", "RO-1", Stage.IN_REPAIR, 0).build());
    push(event("e2", "RO-1", Stage.READY_FOR_PICKUP, 200).build());
    push(event("e3", "RO-1", Stage.COLLECTED, 300).build());
    push(event("a1", "RO-2", Stage.DIAGNOSING, 0).build()); // never finishes
    assertThat(harness.numEventTimeTimers()).isEqualTo(2);

    harness.processWatermark(at(300).plus(GRACE).toEpochMilli());
    assertThat(harness.numKeyedStateEntries()).as("RO-2 is still open").isEqualTo(2);
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);

    harness.processWatermark(at(0).plus(INACTIVITY).toEpochMilli());
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  private void push(OpsEvent event) throws Exception {
    harness.processElement(event, event.occurredAt().toEpochMilli());
  }
}
