package io.milepost.stream.learning;

import static io.milepost.stream.TestEvents.at;
import static io.milepost.stream.learning.LearningTest.minutes;
import static io.milepost.stream.learning.LearningTest.passage;
import static io.milepost.stream.learning.LearningTest.skipped;
import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.schemas.Stage;
import io.milepost.stream.eta.StageStats;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The learner per tenant, location, journey and stage: operator harness, event time by the test.
 */
class DurationLearnerTest {
  private static final Duration FORGET_AFTER = Duration.ofDays(90);

  private KeyedOneInputStreamOperatorTestHarness<String, StagePassage, StageStats> harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new DurationLearner(200, 50, 20, FORGET_AFTER), StagePassage::learnerKey, Types.STRING);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void shouldPublishTheShareFromTwentyPassagesAndTheMedianFromTwentyThatEnteredTheStage()
      throws Exception {
    for (int i = 0; i < 19; i++) {
      push(i % 4 == 3 ? skipped() : passage(60 + i), i);
    }
    assertThat(harness.extractOutputValues()).as("19 passages: the SLA still holds").isEmpty();

    push(passage(200), 19);

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(
            stats -> {
              assertThat(stats.stage()).isEqualTo(Stage.WAITING_FOR_PARTS);
              assertThat(stats.locationId()).isEqualTo("springfield");
              assertThat(stats.passages()).isEqualTo(20);
              assertThat(stats.samples()).isEqualTo(16); // 4 of 20 skipped the stage
              assertThat(stats.share()).isEqualTo(0.8);
              assertThat(stats.typicalMillis()).as("16 durations: too few").isNull();
            });

    for (int i = 20; i < 24; i++) {
      push(passage(65), i);
    }

    assertThat(harness.extractOutputValues())
        .hasSize(2)
        .last()
        .satisfies(
            stats -> {
              assertThat(stats.samples()).isEqualTo(20);
              // 60..78 without every fourth (65 among them), four more of 65, and 200: the 10th
              // of the 20 sorted is 66.
              assertThat(stats.typicalMillis()).isEqualTo(minutes(66));
            });
  }

  @Test
  void shouldPublishAgainOnlyWhenTheStatsMoveMaterially() throws Exception {
    for (int i = 0; i < 60; i++) {
      push(passage(60), i);
    }
    assertThat(harness.extractOutputValues()).hasSize(1);

    for (int i = 60; i < 200; i++) {
      push(passage(240), i);
    }

    assertThat(harness.extractOutputValues())
        .extracting(StageStats::typicalMillis)
        .containsExactly(minutes(60), minutes(240));
  }

  @Test
  void shouldKeepOneBoundedWindowPerStageHoweverManyPassages() throws Exception {
    for (int i = 0; i < 5000; i++) {
      push(passage(i % 100), i % 600);
    }

    LearnedSample held = state();
    assertThat(held.window).hasSize(200);
    assertThat(held.size).isEqualTo(200);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
  }

  @Test
  void shouldForgetAStageThatStoppedReportingAndTellTheJobOperator() throws Exception {
    for (int i = 0; i < 20; i++) {
      push(passage(60), i);
    }
    harness.processWatermark(at(19).plus(FORGET_AFTER).minusMillis(1).toEpochMilli());
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

    harness.processWatermark(at(19).plus(FORGET_AFTER).toEpochMilli());

    assertThat(harness.extractOutputValues())
        .last()
        .satisfies(stats -> assertThat(stats.forgets()).isTrue());
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void aPassageBeforeTheForgettingKeepsTheStageAndItsOneTimer() throws Exception {
    push(passage(60), 0);
    push(passage(60), 60 * 24 * 60); // 60 days later

    harness.processWatermark(at(0).plus(FORGET_AFTER).toEpochMilli());

    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    harness.processWatermark(Long.MAX_VALUE);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.extractOutputValues()).as("never published, nothing to forget").isEmpty();
  }

  private void push(StagePassage passage, long minute) throws Exception {
    harness.processElement(passage, at(minute).toEpochMilli());
  }

  private LearnedSample state() throws Exception {
    harness.getOperator().setCurrentKey(passage(0).learnerKey());
    return harness
        .getOperator()
        .getKeyedStateBackend()
        .getPartitionedState(
            org.apache.flink.runtime.state.VoidNamespace.INSTANCE,
            org.apache.flink.runtime.state.VoidNamespaceSerializer.INSTANCE,
            new org.apache.flink.api.common.state.ValueStateDescriptor<>(
                "learned-sample",
                org.apache.flink.api.common.typeinfo.TypeInformation.of(LearnedSample.class)))
        .value();
  }
}
