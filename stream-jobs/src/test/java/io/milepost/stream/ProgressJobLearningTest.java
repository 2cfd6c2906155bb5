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

    List<OpsEvent> events = new ArrayList<>();
    for (int car = 1; car <= 3; car++) {
      events.add(event("c" + car, "RO-" + car, Stage.CHECKED_IN, car).build());
      events.add(event("r" + car, "RO-" + car, Stage.IN_REPAIR, 10 + car).build());
      events.add(event("q" + car, "RO-" + car, Stage.QUALITY_CHECK, 50 + car).build());
    }
    events.add(event("r4", "RO-4", Stage.IN_REPAIR, 100).build());
    events.forEach(
        e -> kafka.broker().send(Topics.OPS_EVENTS, e.key(), WireCodec.OPS_EVENT.encode(e)));

    // Whether the stats reach the job operator before or after RO-4's event, one of its board
    // updates carries them: its first, or the one the stats themselves cause.
    List<BoardUpdate> learned =
        kafka
            .broker()
            .read(Topics.BOARD, false, 10, Duration.ofSeconds(60), Duration.ofSeconds(3))
            .stream()
            .map(record -> decode(record.value()))
            .filter(update -> update.jobId().equals("RO-4"))
            .filter(
                update ->
                    update.etaReason() != null
                        && update.etaReason().code() == ReasonCode.TYPICAL_DURATION)
            .toList();

    assertThat(learned)
        .isNotEmpty()
        .allSatisfy(
            update -> {
              assertThat(update.etaReason().stage()).isEqualTo(Stage.IN_REPAIR);
              assertThat(update.etaReason().minutes()).isEqualTo(40);
              assertThat(update.etaReason().samples()).isEqualTo(3);
              assertThat(update.etaAt()).as("40 min learned + 30 min of SLA").isEqualTo(at(170));
            });
  }

  private static BoardUpdate decode(byte[] value) {
    try {
      return WireCodec.BOARD_UPDATE.decode(value);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
