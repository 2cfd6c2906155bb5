package io.milepost.notifier;

import static io.milepost.notifier.Fixtures.ACME;
import static io.milepost.notifier.Fixtures.SPRINGFIELD;
import static io.milepost.notifier.Fixtures.vehicleAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.notifier.job.Job;
import io.milepost.notifier.job.JobRepository;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Stage;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The job table on real PostgreSQL: one token per job however many see it first. */
class JobRepositoryIntegrationTests extends NotifierIntegrationTest {
  @Autowired private JobRepository jobs;

  @Test
  void listenersRacingOnANewJobAllGetTheSameToken() throws Exception {
    String jobId = newJobId("RO");
    Callable<Job> firstSight =
        () ->
            jobs.ensureExists(ACME, jobId, SPRINGFIELD, Journey.VEHICLE_SERVICE, Stage.CHECKED_IN);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Job>> racers =
          pool.invokeAll(IntStream.range(0, 8).mapToObj(i -> firstSight).toList());

      List<String> tokens = racers.stream().map(JobRepositoryIntegrationTests::token).toList();

      assertThat(tokens).hasSize(8).containsOnly(tokens.get(0));
      assertThat(rows("SELECT count(*) AS n FROM jobs WHERE job_id = ?", jobId).get(0))
          .containsEntry("n", 1L);
    } finally {
      pool.shutdownNow();
    }
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

  private static String token(Future<Job> racer) {
    try {
      return racer.get().trackingToken();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
