package io.milepost.notifier;

import static io.milepost.notifier.Fixtures.ACME;
import static io.milepost.notifier.Fixtures.vehicleAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.milepost.notifier.job.Job;
import io.milepost.notifier.job.JobMessage;
import io.milepost.notifier.job.JobRepository;
import io.milepost.schemas.BoardUpdate;
import io.milepost.schemas.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The job table on real PostgreSQL: one token per job instance however many see it first. */
class JobRepositoryIntegrationTests extends NotifierIntegrationTest {
  private static final Instant CLOSED_AT = Fixtures.MORNING.plusSeconds(900L * 7);

  @Autowired private JobRepository jobs;
  @Autowired private PlatformTransactionManager transactions;

  @Test
  void listenersRacingOnANewJobAllGetTheSameToken() throws Exception {
    String jobId = newJobId("RO");

    List<Optional<Job>> applied =
        race(8, version -> vehicleAt(jobId, Stage.CHECKED_IN, version, null));

    assertThat(rows("SELECT count(*) AS n FROM jobs WHERE job_id = ?", jobId).get(0))
        .containsEntry("n", 1L);
    String token = jobs.find(ACME, jobId).orElseThrow().trackingToken();
    assertThat(applied)
        .allSatisfy(job -> job.ifPresent(j -> assertThat(j.trackingToken()).isEqualTo(token)));
  }

  @Test
  void listenersRacingOnTheNextUseOfAJobIdCreateOneNewInstance() throws Exception {
    String jobId = newJobId("RO");
    assertThat(jobs.apply(instance(vehicleAt(jobId, Stage.COLLECTED, 7, null), 1L))).isPresent();

    race(8, version -> nextUse(jobId, Stage.CHECKED_IN, 100 + version));

    assertThat(rows("SELECT instance FROM jobs WHERE job_id = ? ORDER BY instance", jobId))
        .extracting(row -> row.get("instance"))
        .containsExactly(1L, 2L);
    assertThat(jobs.find(ACME, jobId).orElseThrow().version()).isEqualTo(108);
  }

  @Test
  void onlyANewerVersionReplacesTheStoredState() {
    String jobId = newJobId("RO");

    assertThat(jobs.apply(vehicleAt(jobId, Stage.IN_REPAIR, 5, null))).isPresent();
    assertThat(jobs.apply(vehicleAt(jobId, Stage.DIAGNOSING, 3, null))).isEmpty();
    assertThat(jobs.apply(vehicleAt(jobId, Stage.IN_REPAIR, 5, null))).isEmpty();

    Job stored = jobs.find(ACME, jobId).orElseThrow();
    assertThat(stored.stage()).isEqualTo(Stage.IN_REPAIR);
    assertThat(stored.version()).isEqualTo(5);
    assertThat(stored.timeline()).hasSize(Stage.IN_REPAIR.position() + 1);
  }

  @Test
  void alertsAndTheEtaReasonAreStoredWithTheirVersionAndOnlyANewerOneReplacesThem() {
    String jobId = newJobId("RO");
    BoardUpdate withAlerts =
        Fixtures.withAlerts(vehicleAt(jobId, Stage.WAITING_FOR_PARTS, 4, null), 2);

    assertThat(jobs.applyAll(List.of(withAlerts, vehicleAt(jobId, Stage.DIAGNOSING, 3, null))))
        .extracting(Optional::isPresent)
        .containsExactly(true, false);
    Job stored = jobs.find(ACME, jobId).orElseThrow();
    assertThat(stored.etaReason()).isEqualTo(Fixtures.PARTS_TYPICAL);
    assertThat(stored.alerts()).isEqualTo(withAlerts.alerts());

    // An older version carrying alerts never replaces a newer one without them.
    assertThat(jobs.apply(vehicleAt(jobId, Stage.IN_REPAIR, 6, null))).isPresent();
    assertThat(jobs.apply(withAlerts)).isEmpty();
    Job newer = jobs.find(ACME, jobId).orElseThrow();
    assertThat(newer.version()).isEqualTo(6);
    assertThat(newer.alerts()).isEmpty();
    assertThat(newer.etaReason()).isNull();
  }

  @Test
  void theNextUseOfAClosedJobIdGetsItsOwnRowAndTokenAndTheOldTokenKeepsTheClosedJob() {
    String jobId = newJobId("RO");
    Job closed = jobs.apply(instance(vehicleAt(jobId, Stage.COLLECTED, 7, null), 1L)).orElseThrow();

    Job next = jobs.apply(nextUse(jobId, Stage.CHECKED_IN, 20)).orElseThrow();

    assertThat(next.instance()).isEqualTo(closed.instance() + 1);
    assertThat(next.trackingToken()).isNotEqualTo(closed.trackingToken());
    assertThat(next.stage()).isEqualTo(Stage.CHECKED_IN);
    assertThat(jobs.find(ACME, jobId)).get().extracting(Job::instance).isEqualTo(next.instance());
    assertThat(jobs.findByToken(closed.trackingToken()))
        .get()
        .satisfies(
            old -> {
              assertThat(old.stage()).isEqualTo(Stage.COLLECTED);
              assertThat(old.version()).isEqualTo(7);
            });
  }

  @Test
  void aLateUpdateOfTheClosedInstanceChangesNeitherItNorTheNextOne() {
    String jobId = newJobId("RO");
    Job closed = jobs.apply(instance(vehicleAt(jobId, Stage.COLLECTED, 7, null), 1L)).orElseThrow();
    Job next = jobs.apply(nextUse(jobId, Stage.CHECKED_IN, 20)).orElseThrow();

    // The engine lost its state and replays the old use under a number of its own.
    assertThat(jobs.apply(instance(vehicleAt(jobId, Stage.QUALITY_CHECK, 30, null), 3L))).isEmpty();

    assertThat(jobs.findByToken(next.trackingToken()).orElseThrow().stage())
        .isEqualTo(Stage.CHECKED_IN);
    assertThat(jobs.findByToken(closed.trackingToken()).orElseThrow().stage())
        .isEqualTo(Stage.COLLECTED);
    assertThat(rows("SELECT count(*) AS n FROM jobs WHERE job_id = ?", jobId).get(0))
        .containsEntry("n", 2L);
  }

  @Test
  void anOpenInstanceNumberedAnewByARebuiltEngineStaysOneJob() {
    String jobId = newJobId("RO");
    Job first = jobs.apply(instance(vehicleAt(jobId, Stage.DIAGNOSING, 2, null), 1L)).orElseThrow();

    Job rebuilt =
        jobs.apply(instance(vehicleAt(jobId, Stage.IN_REPAIR, 50, null), 40L)).orElseThrow();

    assertThat(rebuilt.instance()).isEqualTo(first.instance());
    assertThat(rebuilt.trackingToken()).isEqualTo(first.trackingToken());
    assertThat(rebuilt.stage()).isEqualTo(Stage.IN_REPAIR);
    assertThat(rows("SELECT wire_instance FROM jobs WHERE job_id = ?", jobId))
        .extracting(row -> row.get("wire_instance"))
        .containsExactly(40L);
  }

  @Test
  void aPollAppliedAtOnceEndsAsIfEachUpdateWereAppliedInTurn() {
    // The same story for three copies of each job: update by update, in one poll, in polls of 4.
    List<String> oneByOne = List.of(newJobId("RO"), newJobId("RO"), newJobId("RO"), newJobId("RO"));
    List<String> onePoll = List.of(newJobId("RO"), newJobId("RO"), newJobId("RO"), newJobId("RO"));
    List<String> smallPolls =
        List.of(newJobId("RO"), newJobId("RO"), newJobId("RO"), newJobId("RO"));

    List<Optional<Job>> expected = story(oneByOne).stream().map(jobs::apply).toList();
    List<Optional<Job>> atOnce = jobs.applyAll(story(onePoll));
    List<BoardUpdate> inPolls = story(smallPolls);
    List<Optional<Job>> polled = new java.util.ArrayList<>();
    for (int from = 0; from < inPolls.size(); from += 4) {
      polled.addAll(jobs.applyAll(inPolls.subList(from, Math.min(from + 4, inPolls.size()))));
    }

    assertThat(atOnce.stream().map(JobRepositoryIntegrationTests::outcome).toList())
        .isEqualTo(expected.stream().map(JobRepositoryIntegrationTests::outcome).toList());
    assertThat(polled.stream().map(JobRepositoryIntegrationTests::outcome).toList())
        .isEqualTo(expected.stream().map(JobRepositoryIntegrationTests::outcome).toList());
    for (int job = 0; job < oneByOne.size(); job++) {
      List<Map<String, Object>> stored = stored(oneByOne.get(job));
      assertThat(stored).isNotEmpty();
      assertThat(stored(onePoll.get(job))).as("one poll, job %d", job).isEqualTo(stored);
      assertThat(stored(smallPolls.get(job))).as("polls of 4, job %d", job).isEqualTo(stored);
    }
    // What each call returned is the instance as stored, with its own token.
    assertThat(atOnce.get(atOnce.size() - 1).orElseThrow().trackingToken())
        .isEqualTo(jobs.find(ACME, onePoll.get(1)).orElseThrow().trackingToken());
  }

  /**
   * Four jobs' updates, interleaved as they would arrive: newer, older and repeated versions; a job
   * id closed and used again, with a late update of its first use; an engine that lost its state
   * and numbers an open instance anew (then numbers it again with an older version); an update
   * without an instance number (older writers); a late update of a closed instance.
   */
  private static List<BoardUpdate> story(List<String> job) {
    String versions = job.get(0);
    String reused = job.get(1);
    String rebuilt = job.get(2);
    String closed = job.get(3);
    List<List<BoardUpdate>> perJob =
        List.of(
            List.of(
                instance(vehicleAt(versions, Stage.CHECKED_IN, 1, null), 1L),
                instance(vehicleAt(versions, Stage.DIAGNOSING, 3, "3"), 1L),
                instance(vehicleAt(versions, Stage.CHECKED_IN, 2, null), 1L),
                instance(vehicleAt(versions, Stage.DIAGNOSING, 3, "again"), 1L),
                instance(vehicleAt(versions, Stage.IN_REPAIR, 4, null), null)),
            List.of(
                instance(vehicleAt(reused, Stage.CHECKED_IN, 1, null), 1L),
                instance(vehicleAt(reused, Stage.COLLECTED, 7, null), 1L),
                nextUse(reused, Stage.CHECKED_IN, 20),
                instance(vehicleAt(reused, Stage.QUALITY_CHECK, 6, null), 3L),
                nextUse(reused, Stage.DIAGNOSING, 21)),
            List.of(
                instance(vehicleAt(rebuilt, Stage.DIAGNOSING, 2, null), 1L),
                instance(vehicleAt(rebuilt, Stage.IN_REPAIR, 50, null), 40L),
                instance(vehicleAt(rebuilt, Stage.QUALITY_CHECK, 51, null), 40L),
                // Numbered anew again, with an older version: only the number is kept.
                instance(vehicleAt(rebuilt, Stage.IN_REPAIR, 45, null), 41L)),
            List.of(
                instance(vehicleAt(closed, Stage.COLLECTED, 7, null), 1L),
                instance(vehicleAt(closed, Stage.QUALITY_CHECK, 6, null), 1L),
                instance(vehicleAt(closed, Stage.COLLECTED, 8, "late"), 1L)));
    List<BoardUpdate> story = new java.util.ArrayList<>();
    for (int step = 0; step < 5; step++) {
      for (List<BoardUpdate> updates : perJob) {
        if (step < updates.size()) {
          story.add(updates.get(step));
        }
      }
    }
    return story;
  }

  /** What a board update changed, without what differs by chance (tokens, times). */
  private static Optional<List<Object>> outcome(Optional<Job> stored) {
    return stored.map(
        job ->
            List.of(job.instance(), job.stage(), job.version(), job.timeline(), job.note() + ""));
  }

  private static List<Map<String, Object>> stored(String jobId) {
    return rows(
        "SELECT instance, wire_instance, location_id, journey, stage, version, timeline::text AS"
            + " timeline, eta_at, promised_at, note, closed_at FROM jobs WHERE job_id = ?"
            + " ORDER BY instance",
        jobId);
  }

  @Test
  void aBoardPollAndAnIntentPollAboutTheSameJobsWaitForEachOtherWithoutDeadlock() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    TransactionTemplate inTransaction = new TransactionTemplate(transactions);
    try {
      for (int repeat = 0; repeat < 10; repeat++) {
        // Half the jobs exist (the board poll locks them first), half are new (it inserts them).
        List<BoardUpdate> updates = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
          String jobId = newJobId("RO");
          if (i % 2 == 0) {
            jobs.apply(vehicleAt(jobId, Stage.CHECKED_IN, 1, null));
          }
          updates.add(vehicleAt(jobId, Stage.DIAGNOSING, 2, null));
        }
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        Future<?> board =
            pool.submit(
                () -> {
                  start.await();
                  return jobs.applyAll(updates);
                });
        // As the intent listener goes through a poll: job after job, in the order of their locks.
        Future<?> intents =
            pool.submit(
                () -> {
                  start.await();
                  return inTransaction.execute(
                      t -> {
                        updates.stream()
                            .sorted(
                                java.util.Comparator.comparingInt(
                                    (BoardUpdate u) -> JobRepository.lockOrder(u.key())))
                            .forEach(u -> jobs.lockInstance(JobMessage.of(u)).orElseThrow());
                        return null;
                      });
                });

        board.get(30, TimeUnit.SECONDS);
        intents.get(30, TimeUnit.SECONDS);
        for (BoardUpdate update : updates) {
          assertThat(jobs.find(ACME, update.jobId())).get().extracting(Job::version).isEqualTo(2L);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anInstanceClosedAndSucceededWithinOnePollStaysClosedSoItsLateNewsReachesNobody() {
    String jobId = newJobId("RO");
    assertThat(jobs.apply(instance(vehicleAt(jobId, Stage.CHECKED_IN, 1, null), 1L))).isPresent();

    List<Optional<Job>> reached =
        new TransactionTemplate(transactions)
            .execute(
                t ->
                    jobs.lockInstances(
                        List.of(
                            JobMessage.of(instance(vehicleAt(jobId, Stage.COLLECTED, 7, null), 1L)),
                            JobMessage.of(nextUse(jobId, Stage.CHECKED_IN, 100)),
                            // The first use's news from before its close, numbered anew by an
                            // engine that lost its state.
                            JobMessage.of(
                                instance(vehicleAt(jobId, Stage.IN_REPAIR, 5, null), 900L)))));

    assertThat(reached)
        .extracting(job -> job.map(Job::instance).orElse(null))
        .containsExactly(1L, 2L, null);
    assertThat(rows("SELECT instance, closed_at FROM jobs WHERE job_id = ? ORDER BY 1", jobId))
        .extracting(row -> row.get("instance") + "/" + (row.get("closed_at") != null))
        .containsExactly("1/true", "2/false");
  }

  @Test
  void aSecondNotifierWaitsForTheFirstToFinishDecidingAboutTheSameJob() throws Exception {
    String jobId = newJobId("RO");
    JobMessage message = JobMessage.of(vehicleAt(jobId, Stage.DIAGNOSING, 2, null));
    jobs.apply(vehicleAt(jobId, Stage.CHECKED_IN, 1, null));
    TransactionTemplate inTransaction = new TransactionTemplate(transactions);
    ExecutorService second = Executors.newSingleThreadExecutor();
    try {
      Future<Optional<Job>> waiting =
          inTransaction.execute(
              first -> {
                jobs.lockInstance(message).orElseThrow();
                Future<Optional<Job>> other =
                    second.submit(() -> inTransaction.execute(t -> jobs.lockInstance(message)));
                // PostgreSQL itself says the other transaction waits for our lock (the job id's
                // lock, taken before its row's).
                await()
                    .atMost(Duration.ofSeconds(20))
                    .until(JobRepositoryIntegrationTests::someoneWaitsForALock);
                assertThat(other).isNotDone();
                return other;
              });

      assertThat(waiting.get(20, TimeUnit.SECONDS)).isPresent();
    } finally {
      second.shutdownNow();
    }
  }

  private static boolean someoneWaitsForALock() {
    return !rows("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
            + " AND wait_event_type = 'Lock' AND (query LIKE '%FOR UPDATE OF j%'"
            + " OR query LIKE '%pg_advisory_xact_lock%')")
        .isEmpty();
  }

  /** The board update of the job id's second use: it began at version 20, after the close. */
  private static BoardUpdate nextUse(String jobId, Stage stage, long version) {
    BoardUpdate update = instance(vehicleAt(jobId, stage, version, null), 20L);
    return new BoardUpdate(
        update.tenantId(),
        update.locationId(),
        update.jobId(),
        update.journey(),
        update.stage(),
        update.version(),
        update.instance(),
        CLOSED_AT.plusSeconds(3600 + version),
        update.etaAt(),
        update.promisedAt(),
        update.note(),
        List.of());
  }

  static BoardUpdate instance(BoardUpdate update, Long instance) {
    return new BoardUpdate(
        update.tenantId(),
        update.locationId(),
        update.jobId(),
        update.journey(),
        update.stage(),
        update.version(),
        instance,
        update.occurredAt(),
        update.etaAt(),
        update.promisedAt(),
        update.note(),
        update.timeline());
  }

  /** Applies {@code count} updates at once from as many threads, versions 1 to count. */
  private List<Optional<Job>> race(int count, java.util.function.LongFunction<BoardUpdate> update)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Optional<Job>>> racers =
          IntStream.rangeClosed(1, count)
              .<Callable<Optional<Job>>>mapToObj(i -> () -> jobs.apply(update.apply(i)))
              .toList();
      return pool.invokeAll(racers).stream().map(JobRepositoryIntegrationTests::result).toList();
    } finally {
      pool.shutdownNow();
    }
  }

  private static Optional<Job> result(Future<Optional<Job>> racer) {
    try {
      return Objects.requireNonNull(racer.get());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
