package io.milepost.stream;

import static io.milepost.stream.ServiceDay.AFTERNOON_INTENTS;
import static io.milepost.stream.ServiceDay.FINAL_VERSIONS;
import static io.milepost.stream.ServiceDay.MORNING_INTENTS_ALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.milepost.schemas.Intent;
import io.milepost.schemas.Topics;
import io.milepost.schemas.WireCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real exactly-once test: the job fails after a checkpoint, with intents already written in the
 * open transaction, restarts from that checkpoint and replays; a read_committed reader (the
 * notifier) must still see every intent exactly once.
 *
 * <p>Checkpoints happen only when the test triggers them, so it knows which transaction the
 * afternoon's intents are in: an open one, when the failure hits.
 */
class ProgressJobExactlyOnceTest {
  @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestCluster.withTwoSlots();

  @RegisterExtension final JobOnBroker kafka = new JobOnBroker();

  private final List<String> checkpointPaths = new ArrayList<>();

  @BeforeEach
  void resetFlags() {
    FailOnceOn.reset();
  }

  @Test
  void failureWithIntentsInAnOpenTransactionNeitherLosesNorDuplicatesThem(
      @InjectMiniCluster MiniCluster flink, @TempDir Path checkpoints) throws Exception {
    Configuration options =
        new Configuration()
            .set(ProgressJobOptions.BOOTSTRAP_SERVERS, kafka.broker().bootstrapServers())
            .set(ProgressJobOptions.GROUP_ID, "progress-exactly-once-test")
            .set(ProgressJobOptions.TRANSACTIONAL_ID_PREFIX, "progress-exactly-once-test")
            .set(ProgressJobOptions.PARALLELISM, 2)
            // Only the events move time, and not past any deadline of the day: the intents are
            // the event-driven ones (ProgressJobTimersExactlyOnceTest has timers pending).
            .set(ProgressJobOptions.MAX_OUT_OF_ORDERNESS, Duration.ofDays(1))
            .set(ProgressJobOptions.IDLE_TIMEOUT, Duration.ofHours(1))
            // The restore below then reads RocksDB state back from checkpoint files (the timers'
            // test restores heap state).
            .set(ProgressJobOptions.STATE_BACKEND, "rocksdb")
            .set(ProgressJobOptions.CHECKPOINT_DIR, checkpoints.toUri().toString());
    ServiceDay.send(kafka.broker(), ServiceDay.MORNING);
    start(
        options,
        new FailOnceOn(
            WireCodec.OPS_EVENT.encode(ServiceDay.COLLECTED), kafka.broker().bootstrapServers()));

    // Visible to read_committed only once a checkpoint committed them.
    assertThat(checkpointUntilCommitted(flink, MORNING_INTENTS_ALL.size()))
        .containsExactlyInAnyOrderElementsOf(MORNING_INTENTS_ALL);

    // The car's collection comes last: the job fails on it, once the afternoon's earlier intents
    // are on the broker in a transaction that no checkpoint committed and the failure aborts.
    ServiceDay.send(kafka.broker(), ServiceDay.AFTERNOON);
    List<String> all =
        Stream.concat(MORNING_INTENTS_ALL.stream(), AFTERNOON_INTENTS.stream()).toList();
    await().atMost(Duration.ofSeconds(60)).untilTrue(FailOnceOn.FAILED);

    List<String> committed = checkpointUntilCommitted(flink, all.size());
    assertThat(checkpointPaths)
        .as("every checkpoint went to the configured directory")
        .isNotEmpty()
        .allSatisfy(path -> assertThat(path).contains(checkpoints.toString()));
    assertThat(checkpoints.resolve(kafka.job().getJobID().toHexString()))
        .as("the latest checkpoint's metadata is on disk")
        .isDirectoryRecursivelyContaining("glob:**/chk-*/_metadata");
    assertThat(committed).containsExactlyInAnyOrderElementsOf(all);
    assertThat(FailOnceOn.TRANSACTION_OPEN_AT_FAILURE)
        .as("when the failure hit, an open transaction held intents")
        .isTrue();
    // The aborted transaction's intents stay in the log: a read_uncommitted reader sees them
    // beside their committed replays, a read_committed one (the notifier) does not.
    List<String> uncommitted = intentIds(false, all.size() + 1, Duration.ofSeconds(1));
    assertThat(uncommitted).hasSizeGreaterThan(committed.size()).containsAll(committed);
    assertThat(withoutOnce(uncommitted, committed)).isSubsetOf(AFTERNOON_INTENTS);
    assertThat(latestBoardVersions()).isEqualTo(FINAL_VERSIONS);
  }

  private void start(Configuration options, FailOnceOn deserializer) throws Exception {
    Configuration conf = new Configuration();
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    new ProgressJob(
            KafkaEndpoints.source(options, deserializer),
            KafkaEndpoints.rules(options),
            KafkaEndpoints.intents(options),
            KafkaEndpoints.boardUpdates(options),
            KafkaEndpoints.deadLetters(options),
            KafkaEndpoints.cxMetrics(options),
            options)
        .build(env);
    // No periodic checkpoint during the test (the first would come at a random point within a
    // year): the test triggers each one.
    env.getCheckpointConfig().setCheckpointInterval(Duration.ofDays(365).toMillis());
    kafka.start(env);
  }

  /** Triggers checkpoints until read_committed sees {@code expected} intents, then 3 s more. */
  private List<String> checkpointUntilCommitted(MiniCluster flink, int expected) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions() // a checkpoint cannot start while the job restarts
        .until(
            () -> {
              checkpointPaths.add(
                  flink.triggerCheckpoint(kafka.job().getJobID()).get(10, TimeUnit.SECONDS));
              return intentIds(true, expected, Duration.ZERO).size() >= expected;
            });
    return intentIds(true, expected, Duration.ofSeconds(3));
  }

  /** Reads until {@code expected} intents arrived (or 2 s passed), then {@code settle} more. */
  private List<String> intentIds(boolean readCommitted, int expected, Duration settle) {
    return kafka
        .broker()
        .read(Topics.INTENTS, readCommitted, expected, Duration.ofSeconds(2), settle)
        .stream()
        .map(record -> ServiceDay.intent(record.value()))
        .map(Intent::intentId)
        .toList();
  }

  /** What {@code all} holds beyond one of each of {@code once}. */
  private static List<String> withoutOnce(List<String> all, List<String> once) {
    List<String> rest = new ArrayList<>(all);
    once.forEach(rest::remove);
    return rest;
  }

  /** Board updates are at least once: after the replay a job may repeat, but never regress. */
  private Map<String, Long> latestBoardVersions() {
    List<ConsumerRecord<String, byte[]>> records =
        kafka.broker().read(Topics.BOARD, false, 10, Duration.ofSeconds(10), Duration.ZERO);
    return records.stream()
        .collect(
            Collectors.toMap(
                ConsumerRecord::key, record -> boardVersion(record.value()), Math::max));
  }

  private static long boardVersion(byte[] value) {
    try {
      return WireCodec.BOARD_UPDATE.decode(value).version();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
