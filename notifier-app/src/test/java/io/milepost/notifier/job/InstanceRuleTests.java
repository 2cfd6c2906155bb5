package io.milepost.notifier.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.notifier.job.InstanceRule.Current;
import io.milepost.notifier.job.InstanceRule.Verdict;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InstanceRuleTests {
  private static final Instant CLOSED = Instant.parse("2026-11-24T17:00:00Z");
  private static final Instant BEFORE = CLOSED.minusSeconds(3600);
  private static final Instant AFTER = CLOSED.plusSeconds(3600);
  private static final Current OPEN_FIRST = new Current(100L, null, null);
  private static final Current CLOSED_FIRST = new Current(100L, CLOSED, null);
  private static final Current OPEN_SECOND = new Current(200L, null, CLOSED);

  @Test
  void aJobIdNeverSeenStartsItsFirstInstance() {
    assertThat(InstanceRule.decide(null, 100L, BEFORE)).isEqualTo(Verdict.NEW);
    assertThat(InstanceRule.decide(null, null, BEFORE)).isEqualTo(Verdict.NEW);
  }

  @Test
  void theStoredNumberOrNoneIsTheCurrentInstanceOpenOrClosed() {
    assertThat(InstanceRule.decide(OPEN_FIRST, 100L, BEFORE)).isEqualTo(Verdict.CURRENT);
    assertThat(InstanceRule.decide(OPEN_FIRST, null, BEFORE)).isEqualTo(Verdict.CURRENT);
    assertThat(InstanceRule.decide(CLOSED_FIRST, 100L, AFTER)).isEqualTo(Verdict.CURRENT);
    assertThat(InstanceRule.decide(CLOSED_FIRST, null, AFTER)).isEqualTo(Verdict.CURRENT);
  }

  @Test
  void anotherNumberAfterTheCloseStartsANewInstance() {
    assertThat(InstanceRule.decide(CLOSED_FIRST, 200L, AFTER)).isEqualTo(Verdict.NEW);
  }

  @Test
  void anotherNumberNotAfterTheCloseIsOldNewsOfTheClosedInstance() {
    assertThat(InstanceRule.decide(CLOSED_FIRST, 150L, BEFORE)).isEqualTo(Verdict.EARLIER);
    assertThat(InstanceRule.decide(CLOSED_FIRST, 150L, CLOSED)).isEqualTo(Verdict.EARLIER);
  }

  @Test
  void anotherNumberWhileOpenIsTheEngineRebuildingItsStateMidInstance() {
    assertThat(InstanceRule.decide(OPEN_FIRST, 150L, BEFORE)).isEqualTo(Verdict.CURRENT);
    assertThat(InstanceRule.decide(OPEN_SECOND, 250L, AFTER)).isEqualTo(Verdict.CURRENT);
  }

  @Test
  void aReplayOfTheClosedInstanceNeverReachesTheNextOne() {
    assertThat(InstanceRule.decide(OPEN_SECOND, 150L, BEFORE)).isEqualTo(Verdict.EARLIER);
    assertThat(InstanceRule.decide(OPEN_SECOND, 150L, CLOSED)).isEqualTo(Verdict.EARLIER);
  }

  @Test
  void aStoredInstanceWithNoNumberYetTakesAnyNumberWhileOpen() {
    Current migrated = new Current(null, null, null);

    assertThat(InstanceRule.decide(migrated, 100L, BEFORE)).isEqualTo(Verdict.CURRENT);
    assertThat(InstanceRule.decide(new Current(null, CLOSED, null), 100L, AFTER))
        .isEqualTo(Verdict.NEW);
  }
}
