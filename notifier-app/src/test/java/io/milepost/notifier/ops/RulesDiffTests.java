package io.milepost.notifier.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.schemas.Rules;
import io.milepost.schemas.Stage;
import java.util.List;
import org.junit.jupiter.api.Test;

class RulesDiffTests {
  private static final Rules DEFAULTS = Rules.defaults("acme-motors");

  @Test
  void aFirstChangeIsComparedWithTheDefaultsAndListsOnlyWhatChanged() {
    Rules after =
        new Rules(
            "acme-motors",
            1L,
            null,
            null,
            null,
            null,
            "PT1H",
            null,
            new Rules.Journeys(
                new Rules.JourneyRules(
                    List.of(
                        new Rules.StageRule(Stage.WAITING_FOR_PARTS, "P2D", null, null),
                        new Rules.StageRule(Stage.READY_FOR_PICKUP, null, null, false))),
                null),
            List.of(),
            null);

    List<RulesDiff.Change> changes = RulesDiff.between(null, after);

    assertThat(changes)
        .contains(
            new RulesDiff.Change(
                "ops.rules.silenceLimit",
                null,
                RulesDiff.Value.text("2h"),
                RulesDiff.Value.text("1h")),
            new RulesDiff.Change(
                "ops.rules.sla",
                Stage.WAITING_FOR_PARTS,
                RulesDiff.Value.text("1d"),
                RulesDiff.Value.text("2d")),
            new RulesDiff.Change(
                "ops.rules.notify",
                Stage.READY_FOR_PICKUP,
                RulesDiff.Value.word("ops.yes"),
                RulesDiff.Value.word("ops.no")),
            // The tenant listed two stages of the journey: the others are no longer its stages.
            new RulesDiff.Change(
                "ops.rules.sla",
                Stage.CHECKED_IN,
                RulesDiff.Value.text("15m"),
                RulesDiff.Value.word("ops.rules.absent")));
    assertThat(changes)
        .noneMatch(c -> c.labelKey().equals("ops.rules.etaChangeThreshold"))
        .noneMatch(
            c -> c.stage() == Stage.WAITING_FOR_PARTS && c.labelKey().equals("ops.rules.notify"));
  }

  @Test
  void theSameRulesAtAnotherRevisionChangeNothing() {
    assertThat(RulesDiff.between(DEFAULTS, DEFAULTS.withRevision(2, java.time.Instant.EPOCH)))
        .isEmpty();
  }
}
