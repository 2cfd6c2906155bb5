package io.milepost.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.Stage;
import io.milepost.schemas.Topics;
import io.milepost.schemas.WireCodec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TransactionListing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The broker keeps every transactional id it has seen for a week. The intents sink must reuse a few
 * per subtask, not take a new one at every checkpoint (43,200 a day per subtask at 2 s).
 */
class ProgressJobTransactionalIdsTest {
  @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestCluster.withTwoSlots();

  private static final String PREFIX = "progress-ids-test";
  private static final int PARALLELISM = 2;
  private static final int CHECKPOINTS = 50;

  @RegisterExtension final JobOnBroker kafka = new JobOnBroker();

  private final AtomicBoolean sending = new AtomicBoolean(true);
  private Thread sender;

  @AfterEach
  void stopSending() throws Exception {
    sending.set(false);
    if (sender != null) {
      sender.join(10_000);
    }
  }

  @Test
  void intentTransactionsReuseAFewIdsPerSubtaskAcrossManyCheckpoints(
      @InjectMiniCluster MiniCluster flink) throws Exception {
    Configuration options =
        new Configuration()
            .set(ProgressJobOptions.BOOTSTRAP_SERVERS, kafka.broker().bootstrapServers())
            .set(ProgressJobOptions.GROUP_ID, PREFIX)
            .set(ProgressJobOptions.TRANSACTIONAL_ID_PREFIX, PREFIX)
            .set(ProgressJobOptions.CHECKPOINT_INTERVAL, Duration.ofMillis(100))
            .set(ProgressJobOptions.PARALLELISM, PARALLELISM);
    kafka.startKafkaJob(StreamExecutionEnvironment.getExecutionEnvironment(), options);
    sender = new Thread(this::sendNewJobs, "ops-events");
    sender.setDaemon(true);
    sender.start();

    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> kafka.completedCheckpoints(flink) >= CHECKPOINTS);

    // Events flowed, so transactions carried intents rather than opening and closing empty.
    assertThat(kafka.broker().read(Topics.INTENTS, true, CHECKPOINTS))
        .hasSizeGreaterThanOrEqualTo(10);
    assertThat(transactionalIds())
        .isNotEmpty()
        .allMatch(id -> id.startsWith(PREFIX + "-"))
        .hasSizeLessThanOrEqualTo(4 * PARALLELISM);
  }

  /** New jobs checking in, each one an intent, until the test ends. */
  private void sendNewJobs() {
    for (int n = 0; sending.get(); n++) {
      OpsEvent event = TestEvents.event("ids-" + n, "RO-ids-" + n, Stage.CHECKED_IN, 0).build();
      kafka.broker().send(Topics.OPS_EVENTS, event.key(), WireCodec.OPS_EVENT.encode(event));
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private List<String> transactionalIds() throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.broker().bootstrapServers()))) {
      return admin.listTransactions().all().get(10, TimeUnit.SECONDS).stream()
          .map(TransactionListing::transactionalId)
          .filter(id -> id.startsWith(PREFIX))
          .toList();
    }
  }
}
