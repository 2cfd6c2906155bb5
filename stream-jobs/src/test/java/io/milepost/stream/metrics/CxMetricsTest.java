package io.milepost.stream.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.milepost.schemas.CxAlert;
import io.milepost.schemas.CxAlertCode;
import io.milepost.schemas.CxKind;
import io.milepost.schemas.CxMeasures;
import io.milepost.schemas.CxMetrics;
import io.milepost.schemas.IntentKind;
import io.milepost.schemas.Rules;
import io.milepost.schemas.Stage;
import io.milepost.stream.progress.Heartbeat;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CX metrics from the job operator's intents and board updates, through both CX operators in
 * harnesses; event time advanced by the test. The tenant's location is in America/Chicago (UTC-6 in
 * November); its rules are the defaults otherwise (a job silent over 2 h, more than 3 promises
 * broken in a day).
 */
class CxMetricsTest {
  private static final String TENANT = "acme-motors";
  private static final String LOCATION = "springfield";

  /** 08:00 in Springfield. */
  private static final Instant T0 = Instant.parse("2026-11-24T14:00:00Z");

  private static final Rules CHICAGO =
      new Rules(
          TENANT,
          1L,
          T0,
          null,
          null,
          null,
          null,
          null,
          null,
          List.of(new Rules.Location(LOCATION, "America/Chicago", "Springfield")),
          null);

  private CxChain cx;

  @BeforeEach
  void open() throws Exception {
    cx = new CxChain();
    cx.rules(CHICAGO);
  }

  @AfterEach
  void close() throws Exception {
    cx.close();
  }

  @Test
  void aWindowCountsPromisesKeptAndBroken() throws Exception {
    cx.signal(reachedGoal("RO-1", T0.plusSeconds(10), true));
    cx.signal(reachedGoal("RO-2", T0.plusSeconds(20), false));
    cx.signal(reachedGoal("RO-3", T0.plusSeconds(30), true));
    cx.signal(reachedGoal("RO-1", T0.plusSeconds(40), true)); // the same job again: counted once

    cx.watermark(T0.plusSeconds(60));

    assertThat(windows())
        .singleElement()
        .satisfies(
            window -> {
              assertThat(window.windowStart()).isEqualTo(T0);
              assertThat(window.windowEnd()).isEqualTo(T0.plusSeconds(60));
              assertThat(window.measures().promisesKept()).isEqualTo(2);
              assertThat(window.measures().promisesBroken()).isEqualTo(1);
            });
  }

  @Test
  void timeToTheCustomersFirstUpdateIsMeasuredFromTheJobsFirstEvent() throws Exception {
    // Checked in at 08:00 without telling the customer; the first intent goes out at 08:05.
    cx.signal(board("RO-1", Stage.CHECKED_IN, T0, T0, null));
    cx.signal(intent("RO-1", IntentKind.STAGE_CHANGED, Stage.DIAGNOSING, T0.plusSeconds(300)));
    cx.signal(intent("RO-1", IntentKind.CONTACT_CHANGED, Stage.DIAGNOSING, T0.plusSeconds(320)));
    cx.signal(intent("RO-1", IntentKind.ETA_CHANGED, Stage.DIAGNOSING, T0.plusSeconds(330)));

    cx.watermark(T0.plusSeconds(6 * 60));

    assertThat(windows())
        .singleElement()
        .satisfies(
            window -> {
              assertThat(window.windowStart()).isEqualTo(T0.plusSeconds(300));
              CxMeasures m = window.measures();
              assertThat(m.firstUpdates()).isEqualTo(1);
              assertThat(m.firstUpdateSecondsTotal()).isEqualTo(300);
              assertThat(m.firstUpdateSecondsMax()).isEqualTo(300);
              assertThat(m.customerUpdates()).isEqualTo(2); // CONTACT_CHANGED tells nothing
            });
  }

  @Test
  void theDayTotalResetsAtTheLocationsLocalMidnight() throws Exception {
    Instant midnight = Instant.parse("2026-11-25T06:00:00Z"); // 00:00 in Chicago
    cx.signal(reachedGoal("RO-1", midnight.minusSeconds(30), true));
    cx.signal(reachedGoal("RO-2", midnight.plusSeconds(30), true));

    cx.watermark(midnight.plusSeconds(60));

    assertThat(days())
        .extracting(
            CxMetrics::day,
            CxMetrics::windowStart,
            CxMetrics::windowEnd,
            m -> total(m).promisesKept())
        .containsExactly(
            tuple("2026-11-24", midnight.minus(Duration.ofDays(1)), midnight, 1L),
            tuple("2026-11-25", midnight, midnight.plus(Duration.ofDays(1)), 1L));
    assertThat(days()).allSatisfy(day -> assertThat(day.timeZone()).isEqualTo("America/Chicago"));
  }

  @Test
  void oneAlertWhenTheFourthPromiseBreaksInADayAndNoneForTheFifth() throws Exception {
    for (int job = 1; job <= 5; job++) {
      cx.signal(reachedGoal("RO-" + job, T0.plusSeconds(job * 600L), false));
    }
    cx.watermark(T0.plusSeconds(3600));

    assertThat(alerts())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.code()).isEqualTo(CxAlertCode.PROMISES_BROKEN_TODAY);
              assertThat(alert.threshold()).isEqualTo(3);
              assertThat(alert.value()).isEqualTo(4);
              assertThat(alert.jobId()).isEqualTo("RO-4");
              assertThat(alert.at()).isEqualTo(T0.plusSeconds(2400));
            });
    assertThat(days())
        .last()
        .satisfies(day -> assertThat(total(day).promisesBroken()).isEqualTo(5));
  }

  @Test
  void aNewDayReArmsThePromisesBrokenAlert() throws Exception {
    Instant nextDay = T0.plus(Duration.ofDays(1));
    for (int job = 1; job <= 4; job++) {
      cx.signal(reachedGoal("RO-" + job, T0.plusSeconds(job * 60L), false));
    }
    cx.watermark(nextDay);
    for (int job = 5; job <= 8; job++) {
      cx.signal(reachedGoal("RO-" + job, nextDay.plusSeconds(job * 60L), false));
    }
    cx.watermark(nextDay.plusSeconds(3600));

    assertThat(alerts())
        .extracting(CxAlert::jobId, CxAlert::value)
        .containsExactly(tuple("RO-4", 4L), tuple("RO-8", 4L));
  }

  @Test
  void aJobSilentLongerThanTheThresholdRaisesOneAlertPerSilentPeriod() throws Exception {
    cx.signal(board("RO-1", Stage.WAITING_FOR_PARTS, T0, T0, null));
    // Waiting on the customer: no silence of the business's making.
    cx.signal(board("RO-2", Stage.READY_FOR_PICKUP, T0, T0, null));
    for (long minute = 0; minute <= 180; minute += 10) {
      cx.watermark(T0.plusSeconds(minute * 60));
    }
    // News after three hours ends the silence; a second one begins.
    Instant news = T0.plusSeconds(180 * 60);
    cx.signal(board("RO-1", Stage.WAITING_FOR_PARTS, news, T0, null));
    for (long minute = 190; minute <= 310; minute += 10) {
      cx.watermark(T0.plusSeconds(minute * 60));
    }

    assertThat(alerts())
        .extracting(CxAlert::code, CxAlert::jobId, CxAlert::threshold, CxAlert::at)
        .containsExactly(
            tuple(CxAlertCode.JOB_SILENT_TOO_LONG, "RO-1", 7200L, T0.plusSeconds(7200)),
            tuple(CxAlertCode.JOB_SILENT_TOO_LONG, "RO-1", 7200L, news.plusSeconds(7200)));
    assertThat(windows())
        .filteredOn(w -> w.windowStart().equals(news))
        .singleElement()
        .satisfies(w -> assertThat(w.measures().longestSilenceSeconds()).isEqualTo(3 * 3600));
  }

  @Test
  void aHeartbeatIsAReportSoSilencesAreTheGapsBetweenReports() throws Exception {
    cx.signal(board("RO-1", Stage.IN_REPAIR, T0, T0, null));
    for (long minute = 10; minute <= 5 * 60 + 50; minute += 10) {
      Instant now = T0.plusSeconds(minute * 60);
      if (minute % 60 == 0 && minute <= 4 * 60) {
        // "Still in repair" every hour: no change, no board update, but heard.
        cx.signal(
            JobSignal.of(
                new Heartbeat(TENANT, LOCATION, "RO-1", 1, Stage.IN_REPAIR, now),
                now.toEpochMilli()));
      }
      cx.watermark(now);
    }

    assertThat(alerts()).isEmpty();
    assertThat(windows())
        .extracting(w -> w.measures().longestSilenceSeconds())
        .filteredOn(seconds -> seconds > 0)
        .containsExactly(3600L, 3600L, 3600L, 3600L);
    // Two hours after the last report, not after the last change.
    cx.watermark(T0.plusSeconds(6 * 3600));
    assertThat(alerts()).extracting(CxAlert::at).containsExactly(T0.plusSeconds(6 * 3600));
  }

  @Test
  void stateAndTimersReturnToZeroWhenWindowsAndDaysCloseAndJobsEnd() throws Exception {
    cx.signal(board("RO-1", Stage.CHECKED_IN, T0, T0, null));
    cx.signal(intent("RO-1", IntentKind.STAGE_CHANGED, Stage.CHECKED_IN, T0));
    cx.signal(board("RO-1", Stage.READY_FOR_PICKUP, T0.plusSeconds(3600), T0, true));
    cx.signal(
        intent("RO-1", IntentKind.STAGE_CHANGED, Stage.READY_FOR_PICKUP, T0.plusSeconds(3600)));
    cx.signal(board("RO-1", Stage.COLLECTED, T0.plusSeconds(7200), T0, true));
    cx.fact(deadLetter(T0.plusSeconds(7300)));
    assertThat(cx.jobs.numEventTimeTimers()).isEqualTo(1);
    assertThat(cx.locations.numEventTimeTimers()).isPositive();

    // Past the job's grace and the local day's end.
    cx.watermark(Instant.parse("2026-11-25T06:00:00Z"));

    assertThat(windows()).extracting(w -> w.measures().jobsClosed()).contains(1L);
    assertThat(days())
        .last()
        .satisfies(
            day -> {
              CxMeasures m = total(day);
              assertThat(m.jobsClosed()).isEqualTo(1);
              assertThat(m.updatesOfClosedJobs()).isEqualTo(2);
              assertThat(m.promisesKept()).isEqualTo(1);
              assertThat(m.deadLetters()).isEqualTo(1);
              assertThat(m.firstUpdateSecondsMax()).isZero();
            });
    assertThat(CxChain.keyedEntries(cx.jobs)).isZero();
    assertThat(cx.jobs.numEventTimeTimers()).isZero();
    assertThat(CxChain.keyedEntries(cx.locations)).isZero();
    assertThat(cx.locations.numEventTimeTimers()).isZero();
  }

  @Test
  void aWeekReplayedKeepsOnlyTheWindowsAndDaysBetweenTheWatermarkAndTheNewestFactOpen()
      throws Exception {
    // A job checked in every 20 minutes and collected 2 hours later, for a week; the watermark
    // trails the newest event by 30 s, as the job's does. Only the windows not yet closed stay.
    int most = 0;
    Instant end = T0.plus(Duration.ofDays(7));
    int n = 0;
    for (Instant at = T0; at.isBefore(end); at = at.plus(Duration.ofMinutes(20))) {
      String job = "RO-" + n++;
      cx.signal(board(job, Stage.CHECKED_IN, at, at, null));
      cx.signal(intent(job, IntentKind.STAGE_CHANGED, Stage.CHECKED_IN, at));
      Instant done = at.minus(Duration.ofHours(2));
      if (!done.isBefore(T0)) {
        cx.signal(board("RO-" + (n - 7), Stage.COLLECTED, at, done, true));
      }
      cx.watermark(at.minusSeconds(30));
      most = Math.max(most, CxChain.keyedEntries(cx.locations));
    }

    assertThat(days()).hasSizeGreaterThanOrEqualTo(7);
    assertThat(most).as("windows and days open at once").isLessThanOrEqualTo(4);
    cx.watermark(end.plus(Duration.ofDays(40))); // the jobs' inactivity timeout, the days' end
    assertThat(CxChain.keyedEntries(cx.locations)).isZero();
    assertThat(cx.locations.numEventTimeTimers()).isZero();
  }

  @Test
  void aReusedJobIdIsANewInstanceWithItsOwnFirstUpdateAndTheOldInstancesLateSignalsCountNothing()
      throws Exception {
    cx.signal(board("RO-1", Stage.CHECKED_IN, T0, T0, null));
    cx.signal(intent("RO-1", IntentKind.STAGE_CHANGED, Stage.CHECKED_IN, T0));
    cx.signal(board("RO-1", Stage.COLLECTED, T0.plusSeconds(10), T0, null));
    Instant again = T0.plusSeconds(30);
    cx.signal(
        new JobSignal(
            TENANT, LOCATION, "RO-1", 2, null, Stage.CHECKED_IN, again, again, null, again));
    cx.signal(
        new JobSignal(
            TENANT,
            LOCATION,
            "RO-1",
            2,
            IntentKind.STAGE_CHANGED,
            Stage.CHECKED_IN,
            again.plusSeconds(20),
            null,
            null,
            again.plusSeconds(20)));
    // A late intent of the first instance, after the second began.
    cx.signal(intent("RO-1", IntentKind.ETA_CHANGED, Stage.COLLECTED, T0.plusSeconds(55)));
    cx.watermark(T0.plusSeconds(60));

    assertThat(windows())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.measures().firstUpdates()).isEqualTo(2);
              assertThat(w.measures().firstUpdateSecondsTotal()).isEqualTo(20);
              assertThat(w.measures().customerUpdates()).isEqualTo(2);
              assertThat(w.measures().jobsClosed()).isEqualTo(1);
            });
  }

  @Test
  void theEndOfABoundedInputRaisesNoSilenceAndLeavesNoStateOrTimers() throws Exception {
    cx.signal(board("RO-1", Stage.WAITING_FOR_PARTS, T0, T0, null));
    cx.signal(intent("RO-1", IntentKind.STAGE_CHANGED, Stage.WAITING_FOR_PARTS, T0));

    cx.watermark(Instant.ofEpochMilli(Long.MAX_VALUE));

    assertThat(alerts()).isEmpty();
    assertThat(windows()).hasSize(1);
    assertThat(CxChain.keyedEntries(cx.jobs)).isZero();
    assertThat(cx.jobs.numEventTimeTimers()).isZero();
    assertThat(CxChain.keyedEntries(cx.locations)).isZero();
    assertThat(cx.locations.numEventTimeTimers()).isZero();
  }

  @Test
  void thresholdsComeFromTheTenantsRulesAlsoWhenTheyChangeMidStream() throws Exception {
    cx.signal(board("RO-1", Stage.WAITING_FOR_PARTS, T0, T0, null));
    // After the job's timer was set for 2 h: a job is silent only after 3 h, and one broken
    // promise a day is already too many.
    cx.rules(withCxAlerts(2L, new Rules.CxAlerts("PT3H", 1)));
    for (long minute = 0; minute <= 200; minute += 10) {
      cx.watermark(T0.plusSeconds(minute * 60));
    }
    cx.signal(reachedGoal("RO-2", T0.plusSeconds(201 * 60), false));
    cx.signal(reachedGoal("RO-3", T0.plusSeconds(202 * 60), false));

    assertThat(alerts())
        .extracting(CxAlert::code, CxAlert::threshold, CxAlert::value, CxAlert::at)
        .containsExactly(
            tuple(CxAlertCode.JOB_SILENT_TOO_LONG, 3 * 3600L, 3 * 3600L, T0.plusSeconds(3 * 3600)),
            tuple(CxAlertCode.PROMISES_BROKEN_TODAY, 1L, 2L, T0.plusSeconds(202 * 60)));
  }

  @Test
  void aDeadLetterCountsAtTheWallClockTimeItWasSetAsideOrInTheFirstWindowStillOpen()
      throws Exception {
    cx.watermark(T0.plusSeconds(90));
    cx.fact(deadLetter(T0.plusSeconds(150))); // ahead of the events: its own window
    cx.fact(deadLetter(T0.plusSeconds(30))); // its window closed: the first one still open
    cx.watermark(T0.plusSeconds(180));

    assertThat(windows())
        .extracting(CxMetrics::windowStart, w -> w.measures().deadLetters())
        .containsExactly(tuple(T0.plusSeconds(60), 1L), tuple(T0.plusSeconds(120), 1L));
  }

  // --- fixtures

  private static JobSignal reachedGoal(String job, Instant at, boolean kept) {
    return board(job, Stage.READY_FOR_PICKUP, at, at.minusSeconds(3600), kept);
  }

  private static JobSignal board(
      String job, Stage stage, Instant occurredAt, Instant firstEventAt, Boolean kept) {
    return new JobSignal(
        TENANT, LOCATION, job, 1, null, stage, occurredAt, firstEventAt, kept, occurredAt);
  }

  private static JobSignal intent(String job, IntentKind kind, Stage stage, Instant at) {
    return new JobSignal(TENANT, LOCATION, job, 1, kind, stage, at, null, null, at);
  }

  private static Rules withCxAlerts(long revision, Rules.CxAlerts alerts) {
    return new Rules(
        TENANT, revision, T0, null, null, null, null, null, null, CHICAGO.locations(), alerts);
  }

  private static CxFact deadLetter(Instant wallClock) {
    return new CxFact(TENANT, LOCATION, CxFact.Kind.DEAD_LETTER, wallClock, 0, null);
  }

  private static CxMeasures total(CxMetrics day) {
    return day.measures();
  }

  private List<CxMetrics> windows() {
    return cx.metrics().stream().filter(m -> m.kind() == CxKind.WINDOW).toList();
  }

  private List<CxMetrics> days() {
    return cx.metrics().stream().filter(m -> m.kind() == CxKind.DAY).toList();
  }

  private List<CxAlert> alerts() {
    return cx.metrics().stream()
        .filter(m -> m.kind() == CxKind.ALERT)
        .map(CxMetrics::alert)
        .toList();
  }
}
