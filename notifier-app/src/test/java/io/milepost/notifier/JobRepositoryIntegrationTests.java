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
                // PostgreSQL itself says the other transaction waits for our row lock.
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
            + " AND wait_event_type = 'Lock' AND query LIKE '%FOR UPDATE OF j%'")
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
