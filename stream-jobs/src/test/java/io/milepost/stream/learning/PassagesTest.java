package io.milepost.stream.learning;

import static io.milepost.stream.TestEvents.at;
import static io.milepost.stream.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.milepost.schemas.Stage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When a job leaves a stage, and which it skipped: plain values, no Flink. */
class PassagesTest {

  @Test
  void aJobThatMovesOnGivesTheDurationOfTheStageItLeftAndTheStagesItSkipped() {
    Passages.Step first = Passages.next(null, event("e1", "RO-1", Stage.DIAGNOSING, 0).build());
    assertThat(first.passages()).as("before its first event nothing is known").isEmpty();

    Passages.Step next =
        Passages.next(first.next(), event("e2", "RO-1", Stage.IN_REPAIR, 45).build());

    assertThat(next.passages())
        .extracting(StagePassage::stage, StagePassage::durationMillis, StagePassage::locationId)
        .containsExactly(
            tuple(Stage.DIAGNOSING, Duration.ofMinutes(45).toMillis(), "springfield"),
            tuple(Stage.AWAITING_APPROVAL, null, "springfield"),
            tuple(Stage.WAITING_FOR_PARTS, null, "springfield"));
    assertThat(next.next().stage()).isEqualTo(Stage.IN_REPAIR);
    assertThat(next.next().enteredAt()).isEqualTo(at(45));
  }

  @Test
  void theSameStageAgainAnEarlierOneOrAnEventFromBeforeTheEntryTeachNothing() {
    Passages.Position inRepair =
        Passages.next(null, event("e1", "RO-1", Stage.IN_REPAIR, 30).build()).next();

    assertThat(Passages.next(inRepair, event("e2", "RO-1", Stage.IN_REPAIR, 40).build()).passages())
        .isEmpty();
    assertThat(
            Passages.next(inRepair, event("e3", "RO-1", Stage.DIAGNOSING, 10).build()).passages())
        .isEmpty();
    assertThat(
            Passages.next(inRepair, event("e4", "RO-1", Stage.QUALITY_CHECK, 20).build())
                .passages())
        .as("stamped before the job entered its stage")
        .isEmpty();
  }

  @Test
  void aFailedDeliveryRetriedGivesTheFailuresDurationAndSkipsNothing() {
    Passages.Position failed =
        Passages.next(null, event("p1", "PCL-1", Stage.DELIVERY_FAILED, 0).build()).next();

    Passages.Step retry =
        Passages.next(failed, event("p2", "PCL-1", Stage.OUT_FOR_DELIVERY, 600).build());

    assertThat(retry.passages())
        .extracting(StagePassage::stage, StagePassage::durationMillis)
        .containsExactly(tuple(Stage.DELIVERY_FAILED, Duration.ofMinutes(600).toMillis()));
  }

  @Test
  void afterTheTerminalStageOnlyTheFirstStageStartsTheJobAgain() {
    Passages.Position collected =
        Passages.next(null, event("e1", "RO-1", Stage.COLLECTED, 100).build()).next();

    assertThat(Passages.next(collected, event("e2", "RO-1", Stage.IN_REPAIR, 200).build()).next())
        .isSameAs(collected);
    Passages.Step again =
        Passages.next(collected, event("e3", "RO-1", Stage.CHECKED_IN, 200).build());
    assertThat(again.next().stage()).isEqualTo(Stage.CHECKED_IN);
    assertThat(again.passages()).isEmpty();
  }
}
