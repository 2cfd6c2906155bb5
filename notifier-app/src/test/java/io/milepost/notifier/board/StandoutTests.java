package io.milepost.notifier.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.notifier.board.Standout.Flag;
import io.milepost.schemas.Alert;
import io.milepost.schemas.AlertKind;
import io.milepost.schemas.Stage;
import io.milepost.schemas.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StandoutTests {
  private static final Instant NOON = Instant.parse("2026-11-24T12:00:00Z");
  private static final Instant PROMISE = Instant.parse("2026-11-24T16:00:00Z");

  @Test
  void eachAlertKindGetsItsOwnFlag() {
    assertThat(flags(List.of(alert(AlertKind.STAGE_OVERRUN)), null, PROMISE, false, 0))
        .containsExactly(Flag.OVERRUN);
    assertThat(flags(List.of(alert(AlertKind.DELAY_RISK)), null, PROMISE, false, 0))
        .containsExactly(Flag.AT_RISK);
    assertThat(flags(List.of(alert(AlertKind.SILENCE)), null, PROMISE, false, 0))
        .containsExactly(Flag.SILENT);
  }

  @Test
  void aJobIsLateWhenItsEtaIsPastThePromiseOrThePromiseHasPassed() {
    assertThat(Standout.isLate(PROMISE.plusSeconds(60), PROMISE, NOON)).isTrue();
    assertThat(Standout.isLate(PROMISE.minusSeconds(60), PROMISE, NOON)).isFalse();
    assertThat(Standout.isLate(null, PROMISE, PROMISE.plusSeconds(1))).isTrue();
    assertThat(Standout.isLate(PROMISE.minusSeconds(60), PROMISE, PROMISE)).isFalse();
    // Nothing promised: never late.
    assertThat(Standout.isLate(PROMISE, null, PROMISE.plusSeconds(3600))).isFalse();
  }

  @Test
  void anUnreachableCustomerAndUnseenRepliesStandOutToo() {
    assertThat(flags(List.of(), null, null, true, 2))
        .containsExactly(Flag.UNREACHABLE, Flag.REPLIED);
    assertThat(flags(List.of(), null, null, false, 0)).isEmpty();
  }

  @Test
  void redForOverrunOrLateAmberForRiskOrSilenceNothingForAQuietJob() {
    assertThat(Standout.tone(Set.of(Flag.OVERRUN))).isEqualTo("red");
    assertThat(Standout.tone(Set.of(Flag.LATE, Flag.SILENT))).isEqualTo("red");
    assertThat(Standout.tone(Set.of(Flag.AT_RISK))).isEqualTo("amber");
    assertThat(Standout.tone(Set.of(Flag.SILENT))).isEqualTo("amber");
    assertThat(Standout.tone(Set.of(Flag.UNREACHABLE))).isEqualTo("grey");
    assertThat(Standout.tone(Set.of(Flag.REPLIED))).isEqualTo("blue");
    assertThat(Standout.tone(Set.of())).isEqualTo("none");
  }

  @Test
  void timeInStageCountsFromTheLatestEntryOfTheCurrentStage() {
    List<TimelineEntry> timeline =
        List.of(
            new TimelineEntry(Stage.IN_TRANSIT, NOON.minusSeconds(7200)),
            new TimelineEntry(Stage.DELIVERY_FAILED, NOON.minusSeconds(5400)),
            // Back in transit after the failed attempt: counted from here.
            new TimelineEntry(Stage.IN_TRANSIT, NOON.minusSeconds(1800)));

    assertThat(Standout.timeInStage(Stage.IN_TRANSIT, timeline, NOON))
        .isEqualTo(Duration.ofMinutes(30));
    assertThat(Standout.timeInStage(Stage.OUT_FOR_DELIVERY, timeline, NOON)).isNull();
    // An entry a little in the future (clocks differ) is no negative time.
    assertThat(
            Standout.timeInStage(
                Stage.CHECKED_IN,
                List.of(new TimelineEntry(Stage.CHECKED_IN, NOON.plusSeconds(5))),
                NOON))
        .isEqualTo(Duration.ZERO);
  }

  @Test
  void jobsThatStandOutComeFirstMostUrgentFirstThenLongestInStage() {
    record Row(String id, Set<Flag> flags, Duration inStage) {}
    Row quietLong = new Row("A", Set.of(), Duration.ofHours(9));
    Row replied = new Row("B", Set.of(Flag.REPLIED), Duration.ofMinutes(5));
    Row overrun = new Row("C", Set.of(Flag.OVERRUN), Duration.ofMinutes(50));
    Row overrunAndLate = new Row("D", Set.of(Flag.OVERRUN, Flag.LATE), Duration.ofMinutes(10));
    Row unreachable = new Row("E", Set.of(Flag.UNREACHABLE), Duration.ofMinutes(1));
    Row quietShort = new Row("F", Set.of(), Duration.ofMinutes(3));
    Row atRisk = new Row("G", Set.of(Flag.AT_RISK), null);
    List<Row> rows =
        new ArrayList<>(
            List.of(quietShort, replied, quietLong, unreachable, atRisk, overrun, overrunAndLate));

    rows.sort(
        java.util.Comparator.comparing(r -> Standout.sortKey(r.flags(), r.inStage(), r.id())));

    assertThat(rows.stream().map(Row::id)).containsExactly("D", "C", "G", "E", "B", "A", "F");
  }

  private static Set<Flag> flags(
      List<Alert> alerts, Instant eta, Instant promise, boolean unreachable, int unseen) {
    return Standout.flags(
        new Standout.Facts(Stage.IN_REPAIR, List.of(), eta, promise, alerts, unreachable, unseen),
        NOON);
  }

  private static Alert alert(AlertKind kind) {
    return new Alert(kind, Stage.IN_REPAIR, NOON.minusSeconds(600), 1);
  }
}
