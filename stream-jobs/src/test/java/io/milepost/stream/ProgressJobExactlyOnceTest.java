package io.milepost.stream;

import static io.milepost.stream.ServiceDay.AFTERNOON_INTENTS;
import static io.milepost.stream.ServiceDay.FINAL_VERSIONS;
import static io.milepost.stream.ServiceDay.MORNING_INTENTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.schemas.Intent;
import io.milepost.schemas.Topics;
import io.milepost.schemas.WireCodec;
import io.milepost.stream.ingest.RawEvent;
import io.milepost.stream.ingest.RawEventDeserializer;
import io.milepost.testing.KafkaBroker;
import java.io.IOException;
import java.time.Duration;
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
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real exactly-once test: the job fails after a checkpoint, with intents already written in the
 * open transaction, restarts from that checkpoint and replays; a read_committed reader (the
 * notifier) must still see every intent exactly once.
 */
class ProgressJobExactlyOnceTest {
  @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestCluster.withTwoSlots();

  /** Static: the MiniCluster runs in this JVM, and the flag must survive the restart. */
  private static final AtomicBoolean FAILED = new AtomicBoolean();

  private KafkaBroker broker;
  private JobClient job;

  @BeforeEach
  void startBroker() {
    FAILED.set(false);
    broker = KafkaBroker.start();
    broker.createTopics(Topics.OPS_EVENTS, Topics.INTENTS, Topics.BOARD, Topics.OPS_EVENTS_DLQ);
  }

  @AfterEach
  void stop() throws Exception {
    if (job != null) {
      job.cancel().get(30, TimeUnit.SECONDS);
    }
    broker.close();
  }

  @Test
  void failureAfterACheckpointNeitherLosesNorDuplicatesIntents() throws Exception {
    Configuration options =
        new Configuration()
            .set(ProgressJobOptions.BOOTSTRAP_SERVERS, broker.bootstrapServers())
            .set(ProgressJobOptions.GROUP_ID, "progress-exactly-once-test")
            .set(ProgressJobOptions.TRANSACTIONAL_ID_PREFIX, "progress-exactly-once-test")
            .set(ProgressJobOptions.CHECKPOINT_INTERVAL, Duration.ofMillis(500))
            .set(ProgressJobOptions.PARALLELISM, 2);
    ServiceDay.send(broker, ServiceDay.MORNING);
    job = start(options, new FailOnceOn(WireCodec.OPS_EVENT.encode(ServiceDay.COLLECTED)));

    // Visible to read_committed only once a checkpoint committed them: the job is past one.
    assertThat(committedIntentIds(MORNING_INTENTS.size(), Duration.ZERO))
        .containsExactlyInAnyOrderElementsOf(MORNING_INTENTS);

    // The car's collection comes last: the job fails on it, after writing the afternoon's
    // earlier intents into a transaction that the failure aborts.
    ServiceDay.send(broker, ServiceDay.AFTERNOON);
    List<String> all = Stream.concat(MORNING_INTENTS.stream(), AFTERNOON_INTENTS.stream()).toList();

    assertThat(committedIntentIds(all.size(), Duration.ofSeconds(3)))
        .containsExactlyInAnyOrderElementsOf(all);
    assertThat(FAILED).as("the failure was injected").isTrue();
    assertThat(latestBoardVersions()).isEqualTo(FINAL_VERSIONS);
  }

  private JobClient start(Configuration options, FailOnceOn deserializer) throws Exception {
    Configuration conf = new Configuration();
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    new ProgressJob(
            KafkaEndpoints.source(options, deserializer),
            KafkaEndpoints.intents(options),
            KafkaEndpoints.boardUpdates(options),
            KafkaEndpoints.deadLetters(options),
            options)
        .build(env);
    return env.executeAsync(ProgressJob.JOB_NAME);
  }

  /** Reads until {@code expected} intents arrived, then {@code settle} more to catch extras. */
  private List<String> committedIntentIds(int expected, Duration settle) {
    return broker.read(Topics.INTENTS, true, expected, Duration.ofSeconds(60), settle).stream()
        .map(record -> ServiceDay.intent(record.value()))
        .map(Intent::intentId)
        .toList();
  }

  /** Board updates are at least once: after the replay a job may repeat, but never regress. */
  private Map<String, Long> latestBoardVersions() {
    List<ConsumerRecord<String, byte[]>> records =
        broker.read(Topics.BOARD, false, 10, Duration.ofSeconds(10), Duration.ZERO);
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

  /** Reads records as the job does, but fails the first time it meets the given value. */
  private static final class FailOnceOn implements KafkaRecordDeserializationSchema<RawEvent> {
    private final byte[] trigger;
    private final RawEventDeserializer delegate = new RawEventDeserializer();

    FailOnceOn(byte[] trigger) {
      this.trigger = trigger;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawEvent> out)
        throws IOException {
      if (Arrays.equals(record.value(), trigger) && FAILED.compareAndSet(false, true)) {
        throw new IOException("injected failure after a checkpoint");
      }
      delegate.deserialize(record, out);
    }

    @Override
    public TypeInformation<RawEvent> getProducedType() {
      return delegate.getProducedType();
    }
  }
}
