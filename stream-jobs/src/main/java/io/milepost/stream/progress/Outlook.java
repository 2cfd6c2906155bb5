package io.milepost.stream.progress;

import io.milepost.schemas.Intent;
import io.milepost.schemas.IntentKind;
import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.Rules;
import io.milepost.schemas.Stage;
import io.milepost.stream.alerts.Alerts;
import io.milepost.stream.digest.Digest;
import io.milepost.stream.eta.Eta;
import io.milepost.stream.eta.ExpectedDurations;
import io.milepost.stream.eta.StageStats;
import io.milepost.stream.promise.Promises;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What the engine expects of a job and when it speaks up, after each accepted event ({@link
 * #afterEvent}), when the job's timer fires ({@link #onTime}) and when its tenant's rules change
 * ({@link #rulesChanged}); and when the job must be looked at next ({@link #wakeAt}). Static
 * functions of the job, its {@link JobOutlook} (updated in place), the tenant's current rules and
 * the event time {@code now}: no Flink in here, so the keyed function stays thin and this is tested
 * with plain values.
 *
 * <p>Which intents go to the customer:
 *
 * <ul>
 *   <li>STAGE_CHANGED: a new stage whose rules notify the customer, at once if it is the instance's
 *       first news or the digest window of the last customer intent has ended; else held, and told
 *       at the window's end as one intent with the latest stage and the stages passed. A stage that
 *       does not notify is not news: no intent, nothing held, no window.
 *   <li>DELAY_RISK: the ETA passes the promise plus the tolerance; again only once it passes the
 *       last warned ETA plus the ETA-change threshold. Time alone (a stage overrunning, no event)
 *       raises it at most once per stage, so a stalled job does not warn every few minutes. Not
 *       from a prediction that rests on the rules' SLAs alone ({@link Eta.Prediction#onDefaults})
 *       unless the current stage overruns: the SLAs count every optional stage in full, so they
 *       would put every same-day promise at risk from check-in.
 *   <li>ETA_CHANGED: at an event, when the ETA moved by more than the threshold from the ETA last
 *       told and no other intent carries the new one. Not from time alone, for the same reason. It
 *       names a stage the customer may hear of ({@link #customerStage}), and is not sent while they
 *       were told of none; DELAY_RISK names the same, else the job's stage.
 *   <li>STAGE_OVERRUN, SILENCE: once per stage entered, and once per silence; to the customer only
 *       in stages whose rules notify the customer; always to the board as an alert.
 * </ul>
 */
public final class Outlook {
  private Outlook() {}

  /** What a step decided: intents for the customer, and whether the board needs an update. */
  public record Step(List<Intent> intents, boolean boardChanged) {}

  /**
   * The ETA's course of this job under these rules. Over the journey's every stage, not {@link
   * Rules#stages}: a tenant's list may name only the stages it sets something for (as in the
   * contract's examples), and the others keep their default SLAs.
   */
  static Eta.Course course(JobProgress job, Rules rules) {
    return new Eta.Course(
        job.journey().stages(),
        job.stage(),
        job.enteredCurrentStageAt(),
        job.etaAt(),
        stage -> stage.terminal() || !rules.waitsOnBusiness(stage));
  }

  /** Nothing learned: every stage by the rules' SLA. */
  public static final Function<Stage, StageStats> NOTHING_LEARNED = stage -> null;

  /** The expected stage durations: what was learned at the job's location, else the SLAs. */
  static ExpectedDurations expected(Rules rules, Function<Stage, StageStats> learned) {
    return ExpectedDurations.learned(rules, learned);
  }

  /** {@link #afterEvent} with nothing learned. */
  public static List<Intent> afterEvent(
      JobProgress job,
      boolean enteredStage,
      Stage previousStage,
      OpsEvent event,
      JobOutlook outlook,
      Rules rules,
      Instant now) {
    return afterEvent(
        job, enteredStage, previousStage, event, outlook, rules, NOTHING_LEARNED, now);
  }

  /**
   * After an accepted event. The board always gets the change; this decides what the customer is
   * told.
   *
   * @param job the job after the event
   * @param enteredStage whether the event moved the job to a new stage
   * @param previousStage the stage left, if the event moved the job
   * @param learned what was learned of each stage at the job's location (null: nothing)
   */
  public static List<Intent> afterEvent(
      JobProgress job,
      boolean enteredStage,
      Stage previousStage,
      OpsEvent event,
      JobOutlook outlook,
      Rules rules,
      Function<Stage, StageStats> learned,
      Instant now) {
    Eta.Course course = course(job, rules);
    Eta.Prediction eta = Eta.predict(course, now, expected(rules, learned));
    outlook.etaAt = eta.etaAt();
    outlook.etaReason = eta.reason();
    // Any news ends a silence; a new stage ends its predecessor's overrun.
    outlook.silenceSince = null;
    List<Intent> intents = new ArrayList<>();
    boolean toldEta = false;
    if (enteredStage) {
      outlook.overrunSince = null;
      outlook.warnedByTimeThisStage = false;
      if (course.reached() && job.promisedAt() != null && outlook.promiseKept == null) {
        outlook.promiseKept = Promises.kept(job.enteredCurrentStageAt(), job.promisedAt());
      }
      if (!rules.notifiesCustomer(job.stage())) {
        // Not news for the customer (the board has it): nothing told, nothing held. Customer
        // details on the event still reach the notifier, and are not kept.
        if (event.customer() != null) {
          intents.add(job.contactChanged(event));
        }
      } else if (outlook.toldStage != null
          && Digest.holds(outlook.toldAt, rules.digestWindow(), now)) {
        outlook.held.add(job.stage());
        if (event.customer() != null) {
          // Held news must not hold the customer's details: they go on now, and are not kept.
          intents.add(job.contactChanged(event));
        }
      } else {
        // The stage last told, which a stage that does not notify never becomes.
        Stage told = outlook.toldStage != null ? outlook.toldStage : previousStage;
        intents.add(
            job.stageChanged(told, event, eta.etaAt(), eta.reason(), passed(outlook, job.stage())));
        told(outlook, job.stage(), now, eta.etaAt());
        toldEta = true;
      }
    }
    if (course.reached()) {
      outlook.delayRiskSince = null;
      outlook.warnedEtaAt = null;
      return intents;
    }
    if (warnIfAtRisk(job, outlook, rules, now, eta, intents)) {
      toldEta = true;
    }
    Stage named = customerStage(job, outlook, rules);
    if (!toldEta
        && named != null
        && outlook.held.isEmpty()
        && outlook.toldEtaAt != null
        && eta.etaAt() != null
        && Duration.between(outlook.toldEtaAt, eta.etaAt())
                .abs()
                .compareTo(rules.etaChangeThreshold())
            > 0) {
      outlook.etaChanges++;
      intents.add(
          job.recurring(
              IntentKind.ETA_CHANGED, named, outlook.etaChanges, now, eta.etaAt(), eta.reason()));
      told(outlook, null, now, eta.etaAt());
    }
    return intents;
  }

  /**
   * The stage an intent that is not a stage change names to the customer: the job's, if entering it
   * was news for them (it was told, or is held for the digest); else the latest stage they were
   * told of, since a stage whose rules say {@code notifyCustomer: false} must not reach them by the
   * back door; null if they were told of none. (A job's stage that notifies and is not held was
   * told when entered.)
   */
  static Stage customerStage(JobProgress job, JobOutlook outlook, Rules rules) {
    return rules.notifiesCustomer(job.stage()) ? job.stage() : outlook.toldStage;
  }

  /** What a report that changed nothing did: {@link #heard}. */
  public enum Heard {
    /** Not after the last report (a stale restatement): nothing. */
    NOT_NEWER,
    /** The business reported: a silence counts from here; nothing the board shows changed. */
    REFRESHED,
    /** It reported, and that ended an open silence: the board loses the alert. */
    ENDED_SILENCE
  }

  /**
   * A report of the job's current stage that changed nothing ({@link
   * Transition.Outcome#IGNORED_UNCHANGED}: a heartbeat, "still in repair") at {@code at}. Not a
   * duplicate (the caller drops a seen event id first). The business spoke: if it is newer than the
   * last report, the silence counts from it, and an open silence ends.
   */
  public static Heard heard(JobProgress job, JobOutlook outlook, Instant at) {
    if (!at.isAfter(outlook.lastHeard(job))) {
      return Heard.NOT_NEWER;
    }
    outlook.heardAt = at;
    if (outlook.silenceSince != null) {
      outlook.silenceSince = null;
      return Heard.ENDED_SILENCE;
    }
    return Heard.REFRESHED;
  }

  /**
   * When the job's timer fires at {@code now}: ends a digest window, raises overruns, silences and
   * delay risks that are due under the current rules (not the ones the timer was set with).
   *
   * @param endOfInput the watermark reached its end (a bounded run is over): held news is still
   *     told, but nothing is overdue, since time did not pass, the input ended
   */
  public static Step onTime(
      JobProgress job, JobOutlook outlook, Rules rules, Instant now, boolean endOfInput) {
    return onTime(job, outlook, rules, NOTHING_LEARNED, now, endOfInput);
  }

  /** {@link #onTime}, with what was learned at the job's location. */
  public static Step onTime(
      JobProgress job,
      JobOutlook outlook,
      Rules rules,
      Function<Stage, StageStats> learned,
      Instant now,
      boolean endOfInput) {
    List<Intent> intents = new ArrayList<>();
    Eta.Course course = course(job, rules);
    Eta.Prediction eta = Eta.predict(course, now, expected(rules, learned));
    if (!outlook.held.isEmpty() && !Digest.holds(outlook.toldAt, rules.digestWindow(), now)) {
      Stage told = outlook.toldStage;
      // The latest news: the job's stage, unless it entered one since that is no news.
      Stage news =
          rules.notifiesCustomer(job.stage())
              ? job.stage()
              : outlook.held.get(outlook.held.size() - 1);
      intents.add(
          job.stageChanged(news, told, null, eta.etaAt(), eta.reason(), passed(outlook, news)));
      told(outlook, news, now, eta.etaAt());
    }
    if (endOfInput || job.stage().terminal()) {
      return new Step(intents, false);
    }
    // Time alone moves the board's ETA only once it is off by more than the ETA-change threshold:
    // a stage past its expected duration drags the ETA along with the clock, and a board update
    // at every wake-up was most of the job's output. A new reason (something was learned, or
    // forgotten) is shown at once.
    boolean changed =
        boardEtaStale(outlook.etaAt, eta.etaAt(), rules.etaChangeThreshold())
            || !java.util.Objects.equals(outlook.etaReason, eta.reason());

    Instant enteredAt = job.enteredCurrentStageAt();
    Instant overrunAt = Alerts.overrunAt(rules, job.stage(), enteredAt);
    if (outlook.overrunSince == null && overrunAt != null && !now.isBefore(overrunAt)) {
      outlook.overrunSince = now;
      outlook.overruns++;
      changed = true;
      if (rules.notifiesCustomer(job.stage())) {
        intents.add(
            job.recurring(
                IntentKind.STAGE_OVERRUN,
                outlook.overruns,
                now,
                eta.etaAt(),
                Alerts.overrunReason(rules, job.stage(), enteredAt, now)));
        told(outlook, null, now, eta.etaAt());
      }
    }
    Instant lastHeard = outlook.lastHeard(job);
    Instant silentAt = Alerts.silentAt(rules, job.stage(), lastHeard);
    if (outlook.silenceSince == null && silentAt != null && !now.isBefore(silentAt)) {
      outlook.silenceSince = now;
      outlook.silences++;
      changed = true;
      if (rules.notifiesCustomer(job.stage())) {
        intents.add(
            job.recurring(
                IntentKind.SILENCE,
                outlook.silences,
                now,
                eta.etaAt(),
                Alerts.silenceReason(job.stage(), lastHeard, now)));
        told(outlook, null, now, eta.etaAt());
      }
    }
    if (!outlook.warnedByTimeThisStage && !course.reached()) {
      int before = outlook.delayRisks;
      if (warnIfAtRisk(job, outlook, rules, now, eta, intents)) {
        outlook.warnedByTimeThisStage = true;
      }
      changed |= outlook.delayRisks != before;
    }
    if (changed) {
      // The board is updated: it shows the ETA as it is now. Otherwise it keeps the one it shows.
      outlook.etaAt = eta.etaAt();
      outlook.etaReason = eta.reason();
    }
    return new Step(intents, changed);
  }

  /**
   * Whether the board's ETA, {@code shown}, is off from the {@code predicted} one by more than the
   * tenant's ETA-change threshold: the bound within which the board follows an ETA that time alone
   * moves (events and rules changes show it exactly). One appearing or going is always news.
   */
  static boolean boardEtaStale(Instant shown, Instant predicted, Duration threshold) {
    if (shown == null || predicted == null) {
      return shown != predicted;
    }
    return Duration.between(shown, predicted).abs().compareTo(threshold) > 0;
  }

  /**
   * The tenant's rules changed: the job's ETA under the new ones, for a board update at once.
   * Deadlines are not moved here (the broadcast side cannot set timers): the job's next timer reads
   * the new rules, and {@link #wakeAt} keeps that timer near while an alert may be due.
   */
  public static void rulesChanged(JobProgress job, JobOutlook outlook, Rules rules, Instant now) {
    rulesChanged(job, outlook, rules, NOTHING_LEARNED, now);
  }

  /**
   * The tenant's rules or what was learned at the job's location changed: the job's ETA now, for a
   * board update at once. Whether it changed the board (the ETA by a minute, or its reason).
   */
  public static boolean rulesChanged(
      JobProgress job,
      JobOutlook outlook,
      Rules rules,
      Function<Stage, StageStats> learned,
      Instant now) {
    Eta.Prediction eta = Eta.predict(course(job, rules), now, expected(rules, learned));
    boolean changed =
        movedByAMinute(outlook.etaAt, eta.etaAt())
            || !java.util.Objects.equals(outlook.etaReason, eta.reason());
    outlook.etaAt = eta.etaAt();
    outlook.etaReason = eta.reason();
    return changed;
  }

  /**
   * When the job must be looked at next, in event time: the earliest of its cleanup, the end of a
   * digest window holding news, its overrun, its silence and the moment its ETA would pass the
   * promise; and, while any of those alerts may still come, no later than {@code recheck} from now,
   * because a rule that shrank since cannot move the timer itself.
   *
   * @param closesAt when the job's state goes ({@link Progression#closesAt})
   */
  public static long wakeAt(
      JobProgress job,
      JobOutlook outlook,
      Rules rules,
      Instant now,
      long closesAt,
      Duration recheck) {
    return wakeAt(job, outlook, rules, NOTHING_LEARNED, now, closesAt, recheck);
  }

  /** {@link #wakeAt}, with what was learned at the job's location. */
  public static long wakeAt(
      JobProgress job,
      JobOutlook outlook,
      Rules rules,
      Function<Stage, StageStats> learned,
      Instant now,
      long closesAt,
      Duration recheck) {
    long next = closesAt;
    if (!outlook.held.isEmpty()) {
      next = Math.min(next, Digest.endsAt(outlook.toldAt, rules.digestWindow()).toEpochMilli());
    }
    if (!job.stage().terminal()) {
      boolean watching = false;
      Instant overrunAt = Alerts.overrunAt(rules, job.stage(), job.enteredCurrentStageAt());
      if (outlook.overrunSince == null && overrunAt != null) {
        next = Math.min(next, overrunAt.toEpochMilli());
        watching = true;
      }
      Instant silentAt = Alerts.silentAt(rules, job.stage(), outlook.lastHeard(job));
      if (outlook.silenceSince == null && silentAt != null) {
        next = Math.min(next, silentAt.toEpochMilli());
        watching = true;
      }
      Eta.Course course = course(job, rules);
      ExpectedDurations expected = expected(rules, learned);
      // A prediction on the SLAs alone warns only once the stage overruns, and the overrun is
      // watched above: waking for it before then would find nothing to say.
      boolean mayWarn =
          job.promisedAt() != null
              && !outlook.warnedByTimeThisStage
              && !course.reached()
              && (overrunning(job, outlook, rules, now)
                  || !Eta.predict(course, now, expected).onDefaults());
      if (mayWarn) {
        Instant bound =
            Promises.riskBound(
                job.promisedAt(),
                rules.promiseTolerance(),
                outlook.warnedEtaAt,
                rules.etaChangeThreshold());
        Instant passes = Eta.passesAt(course, now, expected, bound);
        if (passes != null) {
          next = Math.min(next, passes.toEpochMilli());
          watching = true;
        }
      }
      if (watching) {
        next = Math.min(next, now.plus(recheck).toEpochMilli());
      }
    }
    // Whatever was due at now was handled at now.
    return Math.max(next, now.toEpochMilli() + 1);
  }

  /** Warns of a risk to the promise if the ETA passes the bound; whether it did. */
  private static boolean warnIfAtRisk(
      JobProgress job,
      JobOutlook outlook,
      Rules rules,
      Instant now,
      Eta.Prediction eta,
      List<Intent> intents) {
    if (job.promisedAt() == null || eta.etaAt() == null) {
      return false;
    }
    if (!Promises.atRisk(eta.etaAt(), job.promisedAt(), rules.promiseTolerance())) {
      // Back within the promise: the alert closes, and a later slip is a new one.
      outlook.delayRiskSince = null;
      outlook.warnedEtaAt = null;
      return false;
    }
    if (eta.onDefaults() && !overrunning(job, outlook, rules, now)) {
      // Defaults alone do not contradict a promise: they count every optional stage in full.
      return false;
    }
    Instant bound =
        Promises.riskBound(
            job.promisedAt(),
            rules.promiseTolerance(),
            outlook.warnedEtaAt,
            rules.etaChangeThreshold());
    if (!eta.etaAt().isAfter(bound)) {
      return false;
    }
    outlook.delayRisks++;
    outlook.warnedEtaAt = eta.etaAt();
    if (outlook.delayRiskSince == null) {
      outlook.delayRiskSince = now;
      outlook.delayRiskStage = job.stage();
    }
    // A warning must go out even before any stage was told: then it names the job's stage.
    Stage named = customerStage(job, outlook, rules);
    intents.add(
        job.recurring(
            IntentKind.DELAY_RISK,
            named != null ? named : job.stage(),
            outlook.delayRisks,
            now,
            eta.etaAt(),
            Promises.reason(eta.etaAt(), job.promisedAt())));
    told(outlook, null, now, eta.etaAt());
    return true;
  }

  /**
   * Whether the job's current stage overruns (its SLA x the overrun factor, as for STAGE_OVERRUN):
   * a fact about this job, not a default.
   */
  static boolean overrunning(JobProgress job, JobOutlook outlook, Rules rules, Instant now) {
    if (outlook.overrunSince != null) {
      return true;
    }
    Instant overrunAt = Alerts.overrunAt(rules, job.stage(), job.enteredCurrentStageAt());
    return overrunAt != null && !now.isBefore(overrunAt);
  }

  /** The held stages before {@code current}, and forgets them all: they are being told now. */
  private static List<Stage> passed(JobOutlook outlook, Stage current) {
    List<Stage> passed = new ArrayList<>(outlook.held);
    if (!passed.isEmpty() && passed.get(passed.size() - 1) == current) {
      passed.remove(passed.size() - 1);
    }
    outlook.held.clear();
    return passed;
  }

  private static void told(JobOutlook outlook, Stage stage, Instant now, Instant eta) {
    outlook.toldAt = now;
    if (stage != null) {
      outlook.toldStage = stage;
    }
    if (eta != null) {
      outlook.toldEtaAt = eta;
    }
  }

  private static boolean movedByAMinute(Instant before, Instant after) {
    if (before == null || after == null) {
      return before != after;
    }
    return Duration.between(before, after).abs().compareTo(Duration.ofMinutes(1)) >= 0;
  }
}
