package io.milepost.stream;

import static io.milepost.stream.TestEvents.at;
import static io.milepost.stream.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.schemas.BoardUpdate;
import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.ReasonCode;
import io.milepost.schemas.Stage;
import io.milepost.schemas.Topics;
import io.milepost.schemas.WireCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Learning in the real pipeline (MiniCluster, parallelism 2, a real broker): completed stages pass
 * from the stage-passages operator to the learner and, by broadcast, to the job operator.
 */
class ProgressJobLearningTest {
  @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestCluster.withTwoSlots();

  @RegisterExtension final JobOnBroker kafka = new JobOnBroker();

  @Test
  void threeRepairsOfFortyMinutesTeachTheEtaOfTheNextCarInRepair() throws Exception {
    Configuration options =
        new Configuration()
            .set(ProgressJobOptions.BOOTSTRAP_SERVERS, kafka.broker().bootstrapServers())
            .set(ProgressJobOptions.GROUP_ID, "progress-learning")
            .set(ProgressJobOptions.TRANSACTIONAL_ID_PREFIX, "progress-learning")
            .set(ProgressJobOptions.CHECKPOINT_INTERVAL, Duration.ofMillis(500))
            .set(ProgressJobOptions.ETA_MIN_SAMPLES, 3)
            .set(ProgressJobOptions.PARALLELISM, 2);
    kafka.startKafkaJob(StreamExecutionEnvironment.getExecutionEnvironment(), options);

    List<OpsEvent> learnedFrom = new ArrayList<>();
    for (int car = 1; car <= 3; car++) {
      learnedFrom.add(event("c" + car, "RO-" + car, Stage.CHECKED_IN, car).build());
      learnedFrom.add(event("r" + car, "RO-" + car, Stage.IN_REPAIR, 10 + car).build());
      learnedFrom.add(event("q" + car, "RO-" + car, Stage.QUALITY_CHECK, 50 + car).build());
    }
    send(learnedFrom);
    // The three cars' board updates are out; the learner's stats travel two hops beside them.
    assertThat(kafka.broker().read(Topics.BOARD, false, 9, Duration.ofSeconds(60), Duration.ZERO))
        .hasSize(9);
    Thread.sleep(2_000);

    send(List.of(event("r4", "RO-4", Stage.IN_REPAIR, 100).build()));

    List<BoardUpdate> learned =
        kafka
            .broker()
            .read(Topics.BOARD, false, 10, Duration.ofSeconds(60), Duration.ofSeconds(2))
            .stream()
            .map(record -> decode(record.value()))
            .filter(update -> update.jobId().equals("RO-4"))
            .toList();

    assertThat(learned)
        .singleElement()
        .satisfies(
            update -> {
              assertThat(update.etaReason().code()).isEqualTo(ReasonCode.TYPICAL_DURATION);
              assertThat(update.etaReason().stage()).isEqualTo(Stage.IN_REPAIR);
              assertThat(update.etaReason().minutes()).isEqualTo(40);
              assertThat(update.etaReason().samples()).isEqualTo(3);
              assertThat(update.etaAt()).as("40 min learned + 30 min of SLA").isEqualTo(at(170));
            });
  }

  private void send(List<OpsEvent> events) {
    events.forEach(
        e -> kafka.broker().send(Topics.OPS_EVENTS, e.key(), WireCodec.OPS_EVENT.encode(e)));
  }

  private static BoardUpdate decode(byte[] value) {
    try {
      return WireCodec.BOARD_UPDATE.decode(value);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
