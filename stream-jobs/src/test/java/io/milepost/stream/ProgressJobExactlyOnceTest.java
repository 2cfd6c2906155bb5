package io.milepost.stream;

import static io.milepost.stream.ServiceDay.AFTERNOON_INTENTS;
import static io.milepost.stream.ServiceDay.FINAL_VERSIONS;
import static io.milepost.stream.ServiceDay.MORNING_INTENTS_ALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.milepost.schemas.Intent;
import io.milepost.schemas.Topics;
import io.milepost.schemas.WireCodec;
import io.milepost.stream.ingest.RawEvent;
import io.milepost.stream.ingest.RawEventDeserializer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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

  /** Static: the MiniCluster runs in this JVM, and the flags must survive the restart. */
  private static final AtomicBoolean FAILED = new AtomicBoolean();

  private static final AtomicBoolean TRANSACTION_OPEN_AT_FAILURE = new AtomicBoolean();

  @RegisterExtension final JobOnBroker kafka = new JobOnBroker();

  @BeforeEach
  void resetFlags() {
    FAILED.set(false);
    TRANSACTION_OPEN_AT_FAILURE.set(false);
  }

  @Test
  void failureWithIntentsInAnOpenTransactionNeitherLosesNorDuplicatesThem(
      @InjectMiniCluster MiniCluster flink) throws Exception {
    Configuration options =
        new Configuration()
            .set(ProgressJobOptions.BOOTSTRAP_SERVERS, kafka.broker().bootstrapServers())
            .set(ProgressJobOptions.GROUP_ID, "progress-exactly-once-test")
            .set(ProgressJobOptions.TRANSACTIONAL_ID_PREFIX, "progress-exactly-once-test")
            .set(ProgressJobOptions.PARALLELISM, 2)
            // Only the events move time, and not past any deadline of the day: the intents are
            // the event-driven ones (ProgressJobTimersExactlyOnceTest has timers pending).
            .set(ProgressJobOptions.MAX_OUT_OF_ORDERNESS, Duration.ofDays(1))
            .set(ProgressJobOptions.IDLE_TIMEOUT, Duration.ofHours(1));
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
    await().atMost(Duration.ofSeconds(60)).untilTrue(FAILED);

    List<String> committed = checkpointUntilCommitted(flink, all.size());
    assertThat(committed).containsExactlyInAnyOrderElementsOf(all);
    assertThat(TRANSACTION_OPEN_AT_FAILURE)
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
              flink.triggerCheckpoint(kafka.job().getJobID()).get(10, TimeUnit.SECONDS);
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

  /**
   * Reads records as the job does, but fails the first time it meets the given value, once an open
   * transaction holds intents on the broker (or 30 s passed): until then, the read_committed end of
   * the intents topic (its last stable offset) stays below the read_uncommitted one.
   */
  private static final class FailOnceOn implements KafkaRecordDeserializationSchema<RawEvent> {
    private final byte[] trigger;
    private final String bootstrapServers;
    private final RawEventDeserializer delegate = new RawEventDeserializer();

    FailOnceOn(byte[] trigger, String bootstrapServers) {
      this.trigger = trigger;
      this.bootstrapServers = bootstrapServers;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawEvent> out)
        throws IOException {
      if (Arrays.equals(record.value(), trigger) && !FAILED.get()) {
        // Blocking here also holds back any checkpoint, so the transaction stays open.
        TRANSACTION_OPEN_AT_FAILURE.set(awaitOpenTransaction(Duration.ofSeconds(30)));
        FAILED.set(true);
        throw new IOException("injected failure with intents in an open transaction");
      }
      delegate.deserialize(record, out);
    }

    private boolean awaitOpenTransaction(Duration timeout) {
      Instant deadline = Instant.now().plus(timeout);
      try (KafkaConsumer<byte[], byte[]> committed = consumer("read_committed");
          KafkaConsumer<byte[], byte[]> uncommitted = consumer("read_uncommitted")) {
        List<TopicPartition> partitions =
            committed.partitionsFor(Topics.INTENTS).stream()
                .map(info -> new TopicPartition(Topics.INTENTS, info.partition()))
                .toList();
        while (Instant.now().isBefore(deadline)) {
          Map<TopicPartition, Long> stable = committed.endOffsets(partitions);
          Map<TopicPartition, Long> high = uncommitted.endOffsets(partitions);
          if (partitions.stream().anyMatch(p -> stable.get(p) < high.get(p))) {
            return true;
          }
          Thread.sleep(50);
        }
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    private KafkaConsumer<byte[], byte[]> consumer(String isolationLevel) {
      return new KafkaConsumer<>(
          Map.of(
              ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
              bootstrapServers,
              ConsumerConfig.ISOLATION_LEVEL_CONFIG,
              isolationLevel),
          new ByteArrayDeserializer(),
          new ByteArrayDeserializer());
    }

    @Override
    public TypeInformation<RawEvent> getProducedType() {
      return delegate.getProducedType();
    }
  }
}
