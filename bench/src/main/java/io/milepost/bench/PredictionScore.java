package io.milepost.bench;

import io.milepost.schemas.BoardUpdate;
import io.milepost.schemas.Intent;
import io.milepost.schemas.IntentKind;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Stage;
import io.milepost.simulator.GroundTruth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Scores what the job said against what happened (the simulator's ground truth). Pure: the truth,
 * the job's outputs and the end of the input in, tables out.
 */
final class PredictionScore {
  private static final Duration TOLERANCE = Duration.ofMinutes(15);

  private final List<GroundTruth> truth;
  private final JobOutputs outputs;
  private final Instant inputEnd;
  private final Map<String, List<Intent>> intentsByJob = new HashMap<>();
  private final Map<String, List<BoardUpdate>> boardByJob = new HashMap<>();

  /**
   * @param inputEnd the send time of the last record the job read: a promise due after it could not
   *     be judged in this run
   */
  PredictionScore(List<GroundTruth> truth, JobOutputs outputs, Instant inputEnd) {
    this.truth = truth;
    this.outputs = outputs;
    this.inputEnd = inputEnd;
    for (Intent intent : outputs.intents()) {
      intentsByJob.computeIfAbsent(intent.key(), k -> new ArrayList<>()).add(intent);
    }
    for (BoardUpdate update : outputs.boardUpdates()) {
      boardByJob.computeIfAbsent(update.key(), k -> new ArrayList<>()).add(update);
    }
    boardByJob.values().forEach(l -> l.sort(Comparator.comparingLong(BoardUpdate::version)));
  }

  /** A promise is judged when it fell due (with a minute's margin) before the input ended. */
  private boolean judged(GroundTruth job) {
    return job.promisedAt() != null && job.promisedAt().isBefore(inputEnd.minusSeconds(60));
  }

  private List<Intent> delayRisks(GroundTruth job) {
    return intentsByJob.getOrDefault(job.key(), List.of()).stream()
        .filter(i -> i.kind() == IntentKind.DELAY_RISK)
        .sorted(Comparator.comparing(Intent::occurredAt))
        .toList();
  }

  // ---- (a) promises -------------------------------------------------------------------------

  List<String> promises() {
    List<String> lines = new ArrayList<>();
    lines.add(
        "| jobs | promises judged | broken | warned before promisedAt | median lead | lead p25–p75"
            + " | DELAY_RISK sent | of them for kept promises (false alarms) | kept promises with a"
            + " DELAY_RISK |");
    lines.add("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    lines.add(promiseRow("all", job -> true));
    lines.add(promiseRow("acme-motors (cars)", job -> job.journey() == Journey.VEHICLE_SERVICE));
    lines.add(promiseRow("swift-parcels (parcels)", job -> job.journey() == Journey.DELIVERY));
    return lines;
  }

  private String promiseRow(String name, Predicate<GroundTruth> which) {
    int judged = 0;
    int broken = 0;
    int warned = 0;
    int brokenPastTolerance = 0;
    int warnedPastTolerance = 0;
    int risks = 0;
    int falseAlarms = 0;
    int keptWarned = 0;
    List<Duration> leads = new ArrayList<>();
    for (GroundTruth job : truth) {
      if (!which.test(job) || !judged(job)) {
        continue;
      }
      judged++;
      List<Intent> jobRisks = delayRisks(job);
      risks += jobRisks.size();
      if (job.promiseKept()) {
        falseAlarms += jobRisks.size();
        keptWarned += jobRisks.isEmpty() ? 0 : 1;
        continue;
      }
      broken++;
      Intent first =
          jobRisks.stream()
              .filter(i -> i.occurredAt().isBefore(job.promisedAt()))
              .findFirst()
              .orElse(null);
      boolean pastTolerance = job.readyAt() == null || job.lateBy().compareTo(TOLERANCE) > 0;
      if (pastTolerance) {
        brokenPastTolerance++;
      }
      if (first != null) {
        warned++;
        if (pastTolerance) {
          warnedPastTolerance++;
        }
        leads.add(Duration.between(first.occurredAt(), job.promisedAt()));
      }
    }
    leads.sort(Comparator.naturalOrder());
    return String.format(
        "| %s | %,d | %,d | %,d = %s (late > 15 min: %s of %,d) | %s | %s–%s | %,d | %,d = %s |"
            + " %,d of %,d |",
        name,
        judged,
        broken,
        warned,
        percent(warned, broken),
        percent(warnedPastTolerance, brokenPastTolerance),
        brokenPastTolerance,
        hours(percentile(leads, 50)),
        hours(percentile(leads, 25)),
        hours(percentile(leads, 75)),
        risks,
        falseAlarms,
        percent(falseAlarms, risks),
        keptWarned,
        judged - broken);
  }

  /** DELAY_RISK intents for promises due after the input ended: not judged. */
  long unjudgedDelayRisks() {
    return truth.stream().filter(j -> !judged(j)).mapToLong(j -> delayRisks(j).size()).sum();
  }

  // ---- (b) ETA error ------------------------------------------------------------------------

  private record Errors(List<Double> engine, List<Double> naive) {
    Errors() {
      this(new ArrayList<>(), new ArrayList<>());
    }
  }

  /** Jobs entries that had no board update for their entry, or no ETA on it. */
  private int unmatched;

  List<String> eta() {
    Map<Stage, Errors> byStage = new TreeMap<>();
    Map<Journey, Errors> byJourney = new EnumMap<>(Journey.class);
    unmatched = 0;
    for (GroundTruth job : truth) {
      if (job.readyAt() == null) {
        continue; // never ready (a returned parcel): no completion to score against
      }
      List<BoardUpdate> updates = boardByJob.getOrDefault(job.key(), List.of());
      for (GroundTruth.StageEntry entry : job.stages()) {
        if (!entry.enteredAt().isBefore(job.readyAt()) || NaiveEta.isGoal(entry.stage())) {
          break; // from the goal on, the ETA is the goal's time
        }
        BoardUpdate atEntry =
            updates.stream()
                .filter(
                    u ->
                        u.stage() == entry.stage()
                            && entry.enteredAt().equals(u.occurredAt())
                            && u.etaAt() != null)
                .findFirst()
                .orElse(null);
        if (atEntry == null) {
          unmatched++;
          continue;
        }
        double engine = minutesBetween(atEntry.etaAt(), job.readyAt());
        double naive =
            minutesBetween(
                NaiveEta.at(job.journey(), entry.stage(), entry.enteredAt()), job.readyAt());
        for (Errors errors :
            List.of(
                byStage.computeIfAbsent(entry.stage(), s -> new Errors()),
                byJourney.computeIfAbsent(job.journey(), j -> new Errors()))) {
          errors.engine().add(engine);
          errors.naive().add(naive);
        }
      }
    }
    List<String> lines = new ArrayList<>();
    lines.add(
        "| stage entered | entries | engine ETA: mean abs. error | bias | naive (default SLAs): mean"
            + " abs. error | bias | engine ÷ naive |");
    lines.add("|---|---:|---:|---:|---:|---:|---:|");
    byStage.forEach((stage, errors) -> lines.add(etaRow(stage.name(), errors)));
    byJourney.forEach(
        (journey, errors) -> lines.add(etaRow("**all " + journey.name() + "**", errors)));
    return lines;
  }

  int unmatchedEntries() {
    return unmatched;
  }

  private static String etaRow(String name, Errors errors) {
    double engine = meanAbs(errors.engine());
    double naive = meanAbs(errors.naive());
    return String.format(
        "| %s | %,d | %.1f h | %+.1f h | %.1f h | %+.1f h | %.2f |",
        name,
        errors.engine().size(),
        engine / 60,
        mean(errors.engine()) / 60,
        naive / 60,
        mean(errors.naive()) / 60,
        engine / naive);
  }

  /** Signed: the ETA minus the actual completion, in minutes (positive: predicted too late). */
  private static double minutesBetween(Instant eta, Instant actual) {
    return Duration.between(actual, eta).toSeconds() / 60.0;
  }

  // ---- (c) customer intents -----------------------------------------------------------------

  /** The kinds the notifier turns into a message; CONTACT_CHANGED only carries details. */
  static boolean toCustomer(Intent intent) {
    return intent.kind() != IntentKind.CONTACT_CHANGED;
  }

  List<String> messages() {
    List<IntentKind> kinds =
        List.of(
            IntentKind.STAGE_CHANGED,
            IntentKind.ETA_CHANGED,
            IntentKind.DELAY_RISK,
            IntentKind.STAGE_OVERRUN,
            IntentKind.SILENCE);
    Map<Stage, int[]> byStage = new TreeMap<>();
    Map<Stage, Integer> entries = new TreeMap<>();
    for (GroundTruth job : truth) {
      for (GroundTruth.StageEntry entry : job.stages()) {
        if (!entry.enteredAt().isAfter(inputEnd)) {
          entries.merge(entry.stage(), 1, Integer::sum);
        }
      }
    }
    int[] total = new int[kinds.size()];
    for (Intent intent : outputs.intents()) {
      if (!toCustomer(intent)) {
        continue;
      }
      int k = kinds.indexOf(intent.kind());
      byStage.computeIfAbsent(intent.stage(), s -> new int[kinds.size()])[k]++;
      total[k]++;
    }
    long jobs =
        truth.stream().filter(j -> !j.stages().get(0).enteredAt().isAfter(inputEnd)).count();
    long contactChanged =
        outputs.intents().stream().filter(i -> i.kind() == IntentKind.CONTACT_CHANGED).count();
    List<String> lines = new ArrayList<>();
    StringBuilder header = new StringBuilder("| stage | entries |");
    StringBuilder rule = new StringBuilder("|---|---:|");
    for (IntentKind kind : kinds) {
      header.append(' ').append(kind).append(" |");
      rule.append("---:|");
    }
    lines.add(header.append(" messages per entry |").toString());
    lines.add(rule.append("---:|").toString());
    entries.keySet().stream()
        .filter(s -> !byStage.containsKey(s))
        .forEach(s -> byStage.put(s, new int[kinds.size()]));
    int allEntries = 0;
    for (var row : byStage.entrySet()) {
      int stageEntries = entries.getOrDefault(row.getKey(), 0);
      allEntries += stageEntries;
      lines.add(messageRow(row.getKey().name(), stageEntries, row.getValue()));
    }
    lines.add(messageRow("**all**", allEntries, total));
    int messages = java.util.Arrays.stream(total).sum();
    StringBuilder perJob =
        new StringBuilder(
            String.format(
                "per job: %.2f messages (%,d over %,d jobs):",
                (double) messages / jobs, messages, jobs));
    for (int k = 0; k < kinds.size(); k++) {
      perJob.append(String.format(" %s %.2f", kinds.get(k), (double) total[k] / jobs));
      perJob.append(k == kinds.size() - 1 ? "" : ",");
    }
    lines.add("");
    lines.add(perJob + String.format("; plus %,d CONTACT_CHANGED (no message)", contactChanged));
    lines.add(silences());
    return lines;
  }

  /**
   * SILENCE intents against the truth's silences (gaps past the 2 h limit between two events of a
   * job while it waited on the business): an intent is borne out when the truth has a silence of
   * its job and stage that had lasted the limit by the intent's time (a minute's slack for the
   * watermark) and had not ended before it.
   */
  private String silences() {
    Duration limit = Duration.ofHours(2);
    Map<String, GroundTruth> byKey = new HashMap<>();
    truth.forEach(job -> byKey.put(job.key(), job));
    int intents = 0;
    int borneOut = 0;
    java.util.Set<GroundTruth.Silence> told = new java.util.HashSet<>();
    for (Intent intent : outputs.intents()) {
      if (intent.kind() != IntentKind.SILENCE) {
        continue;
      }
      intents++;
      GroundTruth job = byKey.get(intent.key());
      GroundTruth.Silence match =
          job == null
              ? null
              : job.silences().stream()
                  .filter(
                      g ->
                          g.stage() == intent.stage()
                              && !g.from().plus(limit).isAfter(intent.occurredAt().plusSeconds(60))
                              && !g.until().isBefore(intent.occurredAt()))
                  .findFirst()
                  .orElse(null);
      if (match != null) {
        borneOut++;
        told.add(match);
      }
    }
    long silences =
        truth.stream()
            .flatMap(j -> j.silences().stream())
            .filter(g -> !g.until().isAfter(inputEnd))
            .count();
    return String.format(
        "SILENCE: %,d intents, %,d = %s borne out by a silence in the truth; %,d of the truth's %,d"
            + " silences (gaps past 2 h while waiting on the business) told = %s",
        intents,
        borneOut,
        percent(borneOut, intents),
        told.size(),
        silences,
        percent(told.size(), (int) silences));
  }

  private static String messageRow(String name, int entries, int[] counts) {
    StringBuilder row = new StringBuilder(String.format("| %s | %,d |", name, entries));
    int sum = 0;
    for (int count : counts) {
      row.append(String.format(" %,d |", count));
      sum += count;
    }
    return row.append(entries == 0 ? " – |" : String.format(" %.2f |", (double) sum / entries))
        .toString();
  }

  // ---- helpers ------------------------------------------------------------------------------

  static String percent(int part, int whole) {
    return whole == 0 ? "–" : String.format("%.0f %%", 100.0 * part / whole);
  }

  static Duration percentile(List<Duration> sorted, int p) {
    if (sorted.isEmpty()) {
      return null;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  static String hours(Duration duration) {
    return duration == null ? "–" : String.format("%.1f h", duration.toMinutes() / 60.0);
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  private static double meanAbs(List<Double> values) {
    return values.stream().mapToDouble(Math::abs).average().orElse(Double.NaN);
  }
}
