package io.milepost.bench;

import io.milepost.schemas.Journey;
import io.milepost.schemas.Stage;
import io.milepost.schemas.Topics;
import io.milepost.simulator.GroundTruth;
import io.milepost.simulator.SimulatedDay;
import io.milepost.testing.KafkaBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * How good are the progress engine's predictions? Plays a simulated week of both tenants with its
 * ground truth through the production {@link io.milepost.stream.ProgressJob} (real KRaft broker,
 * MiniCluster, parallelism 2, bounded, no rules published: every tenant on {@code Rules.defaults})
 * and scores its committed intents and board updates against the truth:
 *
 * <ol>
 *   <li>promises: the share of broken promises whose customer got a DELAY_RISK before {@code
 *       promisedAt}, the lead time, and DELAY_RISK for promises then kept (false alarms);
 *   <li>the ETA's mean absolute error at each stage entered, against the naive sum of the remaining
 *       default SLAs ({@link NaiveEta}) from the same entries;
 *   <li>customer messages (intents but CONTACT_CHANGED) per job and per stage;
 *   <li>Flink state bytes per job, from a checkpoint of a second run cut mid-week ({@link
 *       StateProbe}).
 * </ol>
 *
 * <p>Options: {@code --days N} (7), {@code --jobs N} per day (600), {@code --seed N} (1), {@code
 * --start ISO-instant} (2026-11-09T13:30:00Z, a Monday 07:30 in Chicago), {@code --parallelism N}
 * (2), {@code --state-cut-hours N} (84) or {@code --no-state}. Run with {@code bench/predict.sh}.
 */
public final class PredictionBench {
  private PredictionBench() {}

  public static void main(String[] args) throws Exception {
    PredictionOptions options;
    try {
      options = PredictionOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("predict: " + e.getMessage());
      System.exit(2);
      return;
    }
    long started = System.nanoTime();
    Instant now = Instant.now();
    System.out.printf(
        "Milepost prediction quality: %d days of %d jobs from %s, seed %d, parallelism %d, %d"
            + " input partition(s), watermarks every %d ms, %d cores, no rules published"
            + " (Rules.defaults)%n",
        options.days(),
        options.jobs(),
        options.start(),
        options.seed(),
        options.parallelism(),
        options.partitions(),
        options.watermarkInterval().toMillis(),
        Runtime.getRuntime().availableProcessors());

    System.out.printf(
        "Naive ETA (sum of the default SLAs to the goal) from a job's first stage: %s %s,"
            + " %s %s%n",
        Journey.VEHICLE_SERVICE,
        Duration.between(
            Instant.EPOCH, NaiveEta.at(Journey.VEHICLE_SERVICE, Stage.CHECKED_IN, Instant.EPOCH)),
        Journey.DELIVERY,
        Duration.between(
            Instant.EPOCH, NaiveEta.at(Journey.DELIVERY, Stage.CREATED, Instant.EPOCH)));
    System.out.println("[1/5] scripting the week with its ground truth");
    SimulatedDay.Script week = WeekPreload.week(options);
    List<GroundTruth> truth = week.truth();
    System.out.printf(
        "      %,d records of %,d jobs; %,d promises broken in the truth (no tolerance)%n",
        week.events().size(),
        truth.size(),
        truth.stream().filter(t -> t.promisedAt() != null && !t.promiseKept()).count());

    List<String> report = new ArrayList<>();
    System.out.println("[2/5] starting a Kafka broker (KRaft, in this JVM)");
    try (KafkaBroker broker = KafkaBroker.start()) {
      String kafka = broker.bootstrapServers();
      createOpsEvents(kafka, options.partitions());
      broker.createTopics(
          Topics.OPS_EVENTS,
          Topics.OPS_EVENTS_DLQ,
          Topics.INTENTS,
          Topics.BOARD,
          Topics.RULES,
          Topics.CX_METRICS);
      System.out.printf(
          "[3/5] preloading %s (%d partition%s) with the week%n",
          Topics.OPS_EVENTS, options.partitions(), options.partitions() == 1 ? "" : "s");
      WeekPreload.Result input = WeekPreload.run(kafka, week.events(), now);
      System.out.printf(
          "      %s, %,d held back (after now); input ends %s%n",
          input.sent(), input.heldBack(), input.lastSentAt());

      System.out.println("[4/5] ProgressJob over the week (bounded), then its outputs");
      PredictionJobRun.Result run =
          PredictionJobRun.run(kafka, options.parallelism(), options.watermarkInterval(), input);
      JobOutputs outputs = JobOutputs.read(kafka);
      long deadLetters = TopicCounts.count(kafka, Topics.OPS_EVENTS_DLQ, false);
      System.out.printf(
          "      done in %.1f s: %,d board updates, %,d committed intents, %,d dead letters%n",
          run.elapsed().toMillis() / 1000.0,
          outputs.boardUpdates().size(),
          outputs.intents().size(),
          deadLetters);

      PredictionScore score = new PredictionScore(truth, outputs, input.lastSentAt());
      report.add(
          String.format(
              "Input: %,d jobs, %,d records (%s), event time %s to %s; job run %.1f s",
              truth.size(),
              input.total(),
              input.sent(),
              options.start(),
              input.lastSentAt(),
              run.elapsed().toMillis() / 1000.0));
      if (options.partitions() > 1) {
        List<Duration> skews = new ArrayList<>(run.skews());
        skews.sort(null);
        report.add(
            String.format(
                "Event-time gap between the partitions' checkpointed positions while all were"
                    + " read: median %s, max %s (%d samples)",
                PredictionScore.hours(PredictionScore.percentile(skews, 50)),
                PredictionScore.hours(PredictionScore.percentile(skews, 100)),
                skews.size()));
      }
      report.add("");
      report.add("(a) Promises (broken: ready after promisedAt, the truth's promiseKept)");
      report.addAll(score.promises());
      report.add(
          String.format(
              "DELAY_RISK for promises due after the input ended (not judged): %,d",
              score.unjudgedDelayRisks()));
      report.add("");
      report.add(
          "(b) ETA at each stage entered (board update of the entry) vs the actual completion"
              + " (READY_FOR_PICKUP / DELIVERED)");
      report.addAll(score.eta());
      report.add(
          String.format(
              "entries without a board update carrying an ETA: %,d", score.unmatchedEntries()));
      report.add("");
      report.add(
          "(c) Customer messages: committed intents of every kind but CONTACT_CHANGED, by the"
              + " stage they name (before the notifier's told-once and consent rules)");
      report.addAll(score.messages());
    }

    if (options.stateCut() != null) {
      Instant cut = options.start().plus(options.stateCut());
      System.out.printf("[5/5] state: the job over the week up to %s, unbounded%n", cut);
      report.add("");
      report.add(
          "(d) Flink state per job, from a checkpoint (second run, input cut at " + cut + ")");
      report.addAll(
          StateProbe.run(
              week.events(), truth, cut, options.parallelism(), options.watermarkInterval()));
    }

    System.out.println();
    System.out.println("Results");
    report.forEach(line -> System.out.println(line.isEmpty() ? "" : "  " + line));
    System.out.printf(
        "%n  elapsed: %.1f s in all%n",
        Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0);
    // Flink's and Kafka's non-daemon threads may linger after close; the run is over.
    System.exit(0);
  }

  /**
   * The input topic with its own partition count (the broker's helper makes 2). Replayed in
   * seconds, a week's partitions are read hours of event time apart. The job decides what was due
   * before each event first, so its timers no longer depend on that (silences and overruns count
   * alike with two partitions), but the duration learner learns in the order it reads: with a
   * partition hours ahead, a job's event meets stats learned from the other partition's future.
   * Live, partitions are seconds apart; one partition replays in event-time order as live traffic
   * arrives.
   */
  private static void createOpsEvents(String bootstrapServers, int partitions) throws Exception {
    try (Admin admin = PredictionJobRun.admin(bootstrapServers)) {
      admin
          .createTopics(List.of(new NewTopic(Topics.OPS_EVENTS, partitions, (short) 1)))
          .all()
          .get();
    }
  }
}
