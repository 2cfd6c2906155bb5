package io.milepost.notifier.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Quiet-hours window math on the customer's wall clock: midnight, DST, same-day windows. */
class QuietWindowTests {
  private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  private static final ZoneId LONDON = ZoneId.of("Europe/London");
  private static final QuietWindow NIGHT = QuietWindow.DEFAULT;

  @Test
  void defaultIsNinePmToEightAm() {
    assertThat(NIGHT.start()).isEqualTo(LocalTime.of(21, 0));
    assertThat(NIGHT.end()).isEqualTo(LocalTime.of(8, 0));
  }

  @Test
  void eleventPmIsHeldUntilEightTheNextMorning() {
    // 23:00 CST on 24 November
    assertThat(NIGHT.endIfInside(Instant.parse("2026-11-25T05:00:00Z"), CHICAGO))
        .contains(Instant.parse("2026-11-25T14:00:00Z"));
  }

  @Test
  void afterMidnightIsHeldUntilEightTheSameMorning() {
    // 03:00 CST on 25 November
    assertThat(NIGHT.endIfInside(Instant.parse("2026-11-25T09:00:00Z"), CHICAGO))
        .contains(Instant.parse("2026-11-25T14:00:00Z"));
  }

  @Test
  void theStartIsInsideAndTheEndIsOutside() {
    assertThat(NIGHT.endIfInside(Instant.parse("2026-11-25T03:00:00Z"), CHICAGO)) // 21:00
        .contains(Instant.parse("2026-11-25T14:00:00Z"));
    assertThat(NIGHT.endIfInside(Instant.parse("2026-11-25T02:59:59Z"), CHICAGO)) // 20:59:59
        .isEmpty();
    assertThat(NIGHT.endIfInside(Instant.parse("2026-11-25T14:00:00Z"), CHICAGO)) // 08:00
        .isEmpty();
    assertThat(NIGHT.endIfInside(Instant.parse("2026-11-25T13:59:59Z"), CHICAGO)) // 07:59:59
        .contains(Instant.parse("2026-11-25T14:00:00Z"));
  }

  @Test
  void theSameInstantIsQuietInOneZoneAndNotInAnother() {
    Instant instant = Instant.parse("2026-11-25T05:00:00Z"); // 23:00 Chicago, 05:00 London
    assertThat(NIGHT.endIfInside(instant, CHICAGO)).isPresent();
    assertThat(NIGHT.endIfInside(instant, LONDON)).contains(Instant.parse("2026-11-25T08:00:00Z"));
    assertThat(NIGHT.endIfInside(Instant.parse("2026-11-25T12:00:00Z"), LONDON)).isEmpty();
  }

  @Test
  void theNightTheClocksSpringForwardIsAnHourShorter() {
    // 23:00 CST on 7 March 2026; at 02:00 on 8 March Chicago moves to CDT (UTC-5).
    assertThat(NIGHT.endIfInside(Instant.parse("2026-03-08T05:00:00Z"), CHICAGO))
        .contains(Instant.parse("2026-03-08T13:00:00Z"));
  }

  @Test
  void theNightTheClocksFallBackIsAnHourLonger() {
    // 23:00 CDT on 31 October 2026; at 02:00 on 1 November Chicago moves back to CST (UTC-6).
    assertThat(NIGHT.endIfInside(Instant.parse("2026-11-01T04:00:00Z"), CHICAGO))
        .contains(Instant.parse("2026-11-01T14:00:00Z"));
    // In the repeated hour, 01:30 the second time (CST) is still quiet.
    assertThat(NIGHT.endIfInside(Instant.parse("2026-11-01T07:30:00Z"), CHICAGO))
        .contains(Instant.parse("2026-11-01T14:00:00Z"));
  }

  @Test
  void anEndInsideTheSpringGapMovesOnByTheGap() {
    QuietWindow untilHalfPastTwo = new QuietWindow(LocalTime.of(22, 0), LocalTime.of(2, 30));
    // 01:30 CST on 8 March: 02:30 does not exist that night; quiet hours end at 03:30 CDT.
    assertThat(untilHalfPastTwo.endIfInside(Instant.parse("2026-03-08T07:30:00Z"), CHICAGO))
        .contains(Instant.parse("2026-03-08T08:30:00Z"));
  }

  @Test
  void anEndInTheRepeatedHourIsNeverBeforeNow() {
    QuietWindow untilQuarterToTwo = new QuietWindow(LocalTime.of(22, 0), LocalTime.of(1, 45));
    // 01:30 CST, the second 01:30 of 1 November: quiet until 01:45 CST, not 01:45 CDT (past).
    assertThat(untilQuarterToTwo.endIfInside(Instant.parse("2026-11-01T07:30:00Z"), CHICAGO))
        .contains(Instant.parse("2026-11-01T07:45:00Z"));
    // 01:30 CDT, the first one: until 01:45 CDT.
    assertThat(untilQuarterToTwo.endIfInside(Instant.parse("2026-11-01T06:30:00Z"), CHICAGO))
        .contains(Instant.parse("2026-11-01T06:45:00Z"));
  }

  @Test
  void aWindowInsideOneDayDoesNotCrossMidnight() {
    QuietWindow siesta = new QuietWindow(LocalTime.of(13, 0), LocalTime.of(15, 0));
    assertThat(siesta.endIfInside(Instant.parse("2026-11-25T13:30:00Z"), LONDON))
        .contains(Instant.parse("2026-11-25T15:00:00Z"));
    assertThat(siesta.endIfInside(Instant.parse("2026-11-25T23:30:00Z"), LONDON)).isEmpty();
    assertThat(siesta.endIfInside(Instant.parse("2026-11-25T12:59:00Z"), LONDON)).isEmpty();
  }

  @Test
  void equalStartAndEndMeansNoQuietHours() {
    QuietWindow none = new QuietWindow(LocalTime.of(21, 0), LocalTime.of(21, 0));
    assertThat(none.endIfInside(Instant.parse("2026-11-25T03:00:00Z"), CHICAGO)).isEmpty();
  }
}
