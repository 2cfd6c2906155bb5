package io.milepost.stream;

import static io.milepost.stream.TestEvents.DANA;
import static io.milepost.stream.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.schemas.Intent;
import io.milepost.schemas.IntentKind;
import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.Stage;
import io.milepost.schemas.Topics;
import io.milepost.schemas.WireCodec;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With no traffic at all, time still passes: once every input is idle the watermark follows the
 * wall clock, so a job checked in days ago (its events' time) and never heard of again overruns and
 * falls silent without any further event.
 */
class ProgressJobQuietNightTest {
  @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestCluster.withTwoSlots();

  @RegisterExtension final JobOnBroker kafka = new JobOnBroker();

  @Test
  void silenceAndOverrunFireWithoutTrafficOnceTheInputsAreIdle() throws Exception {
    Configuration options =
        new Configuration()
            .set(ProgressJobOptions.BOOTSTRAP_SERVERS, kafka.broker().bootstrapServers())
            .set(ProgressJobOptions.GROUP_ID, "progress-quiet-night")
            .set(ProgressJobOptions.TRANSACTIONAL_ID_PREFIX, "progress-quiet-night")
            .set(ProgressJobOptions.CHECKPOINT_INTERVAL, Duration.ofMillis(500))
            .set(ProgressJobOptions.IDLE_TIMEOUT, Duration.ofSeconds(2))
            .set(ProgressJobOptions.PARALLELISM, 2);
    kafka.startKafkaJob(StreamExecutionEnvironment.getExecutionEnvironment(), options);

    // One event, stamped days before the wall clock; nothing after it.
    OpsEvent checkedIn = event("q1", "RO-1", Stage.CHECKED_IN, 0).customer(DANA).build();
    kafka.broker().send(Topics.OPS_EVENTS, checkedIn.key(), WireCodec.OPS_EVENT.encode(checkedIn));

    List<Intent> intents =
        kafka
            .broker()
            .read(Topics.INTENTS, true, 3, Duration.ofSeconds(60), Duration.ofSeconds(2))
            .stream()
            .map(record -> ServiceDay.intent(record.value()))
            .toList();

    assertThat(intents)
        .extracting(Intent::kind)
        .containsExactlyInAnyOrder(
            IntentKind.STAGE_CHANGED, IntentKind.STAGE_OVERRUN, IntentKind.SILENCE);
  }
}
