package io.milepost.stream;

import static io.milepost.stream.TestEvents.DANA;
import static io.milepost.stream.TestEvents.at;
import static io.milepost.stream.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.milepost.schemas.Intent;
import io.milepost.schemas.IntentKind;
import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.Stage;
import io.milepost.schemas.Topics;
import io.milepost.schemas.WireCodec;
import io.milepost.stream.ingest.RawEventDeserializer;
import io.milepost.testing.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Timer-driven intents are exactly once too: the job fails after a checkpoint, with a digest, three
 * silences, two overruns and a delay risk decided or still pending, and after the restart the
 * read_committed side holds each expected intent once — counted by business key (job, instance,
 * kind, stage or occurrence), not only by id — exactly as a run without the failure on the same
 * input does.
 *
 * <p>Time moves only with events (idle inputs do not follow the wall clock within the test): tick
 * jobs on every partition amend their note each hour, so both source subtasks' watermarks advance
 * together, and the watched jobs have no events after minute 8, so each timer fires with the same
 * state in every run.
 */
class ProgressJobTimersExactlyOnceTest {
  @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestCluster.withTwoSlots();

  @RegisterExtension final JobOnBroker kafka = new JobOnBroker();

  /** One tick job per partition of the events topic, so every subtask's watermark moves. */
  private static final List<String> TICKERS = tickersPerPartition();

  private static final List<OpsEvent> MORNING = morning();

  /** Ticks to minute 180: the digest ends, three jobs fall silent. */
  private static final List<OpsEvent> NOON = ticks(60, 120, 180);

  /** Ticks to minute 400: two overruns and a delay risk come due. */
  private static final List<OpsEvent> AFTERNOON = ticks(240, 290, 350, 400);

  /** The tick that fails the job, once: minute 240 on the first partition. */
  private static final OpsEvent TRIGGER = tick(TICKERS.get(0), 240);

  /** What the customer hears, by business key, each once. */
  private static final List<String> EXPECTED =
      List.of(
          // The car checked in tells at once; diagnosing and parts inside the digest window are
          // told as one at its end, minute 10; then nothing until the silence at 8 + 120.
          "acme-motors/RO-10 STAGE_CHANGED CHECKED_IN",
          "acme-motors/RO-10 STAGE_CHANGED WAITING_FOR_PARTS passed [DIAGNOSING]",
          "acme-motors/RO-10 SILENCE 1",
          // In repair (3 h + 30 min quality check), promised at minute 300: silent at 120,
          // overrun at 270, and the ETA passes the promise + 15 min at 285.
          "acme-motors/RO-11 STAGE_CHANGED IN_REPAIR",
          "acme-motors/RO-11 SILENCE 1",
          "acme-motors/RO-11 STAGE_OVERRUN 1",
          "acme-motors/RO-11 DELAY_RISK 1",
          // Out for delivery (4 h): silent at 120, overrun at 360.
          "swift-parcels/PCL-10 STAGE_CHANGED OUT_FOR_DELIVERY",
          "swift-parcels/PCL-10 SILENCE 1",
          "swift-parcels/PCL-10 STAGE_OVERRUN 1");

  @BeforeEach
  void resetFlags() {
    FailOnceOn.reset();
  }

  @Test
  void timerDrivenIntentsAreExactlyOnceAfterAFailureWithTimersPendingAsInAFaultFreeRun(
      @InjectMiniCluster MiniCluster flink) throws Exception {
    List<String> faultFree;
    try (KafkaBroker other = JobOnBroker.startWithJobTopics()) {
      send(other, MORNING);
      send(other, NOON);
      send(other, AFTERNOON);
      JobClient job = start(other, new RawEventDeserializer(), "timers-fault-free");
      try {
        faultFree = checkpointUntilCommitted(flink, job, other, expectedCount());
      } finally {
        job.cancel().get(30, TimeUnit.SECONDS);
      }
    }

    send(kafka.broker(), MORNING);
    JobClient job =
        start(
            kafka.broker(),
            new FailOnceOn(WireCodec.OPS_EVENT.encode(TRIGGER), kafka.broker().bootstrapServers()),
            "timers-with-failure");
    List<String> morning = checkpointUntilCommitted(flink, job, kafka.broker(), MORNING_COUNT);
    assertThat(morning).as("committed before the failure").hasSize(MORNING_COUNT);

    // Noon: the digest's end and three silences are written in a transaction no checkpoint has
    // committed yet. Then the job fails on the tick of minute 240, with the overruns and the
    // delay risk still pending as timers.
    send(kafka.broker(), NOON);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                kafka
                        .broker()
                        .read(
                            Topics.INTENTS,
                            false,
                            MORNING_COUNT + 4,
                            Duration.ofSeconds(1),
                            Duration.ZERO)
                        .size()
                    >= MORNING_COUNT + 4);
    send(kafka.broker(), AFTERNOON);
    await().atMost(Duration.ofSeconds(60)).untilTrue(FailOnceOn.FAILED);
    List<String> afterRestart =
        checkpointUntilCommitted(flink, job, kafka.broker(), expectedCount());

    assertThat(FailOnceOn.TRANSACTION_OPEN_AT_FAILURE)
        .as("when the failure hit, an open transaction held intents")
        .isTrue();
    assertThat(customerNews(faultFree)).containsExactlyInAnyOrderElementsOf(EXPECTED);
    assertThat(afterRestart).containsExactlyInAnyOrderElementsOf(faultFree);
    assertThat(afterRestart).doesNotHaveDuplicates();
    // The aborted transaction's timer-driven intents stay in the log beside their replays.
    List<String> uncommitted =
        kafka
            .broker()
            .read(Topics.INTENTS, false, expectedCount() + 4, Duration.ofSeconds(2), Duration.ZERO)
            .stream()
            .map(record -> businessKey(ServiceDay.intent(record.value())))
            .toList();
    assertThat(uncommitted)
        .filteredOn(key -> key.equals("acme-motors/RO-10 SILENCE 1"))
        .as("written before the failure, and again after the restart")
        .hasSize(2);
  }

  /** Each job's first news, the ticks' included; their notes are board-only. */
  private static final int MORNING_COUNT = 3 + TICKERS.size();

  private static int expectedCount() {
    return EXPECTED.size() + TICKERS.size();
  }

  /** The business keys without the tick jobs' first news. */
  private static List<String> customerNews(List<String> keys) {
    return keys.stream().filter(key -> !key.contains("/TICK-")).toList();
  }

  private static List<OpsEvent> morning() {
    List<OpsEvent> events = new ArrayList<>();
    events.add(event("r10-1", "RO-10", Stage.CHECKED_IN, 0).customer(DANA).build());
    events.add(event("r10-2", "RO-10", Stage.DIAGNOSING, 5).build());
    events.add(event("r10-3", "RO-10", Stage.WAITING_FOR_PARTS, 8).build());
    events.add(event("r11-1", "RO-11", Stage.IN_REPAIR, 0).promisedAt(at(300)).build());
    events.add(event("p10-1", "PCL-10", Stage.OUT_FOR_DELIVERY, 0).build());
    for (String ticker : TICKERS) {
      events.add(tick(ticker, 9));
    }
    return events;
  }

  private static List<OpsEvent> ticks(long... minutes) {
    List<OpsEvent> events = new ArrayList<>();
    for (long minute : minutes) {
      for (String ticker : TICKERS) {
        events.add(tick(ticker, minute));
      }
    }
    return events;
  }

  /** A parcel in transit whose depot amends its note: time moves, the customer hears nothing. */
  private static OpsEvent tick(String ticker, long minute) {
    return event(ticker + "-" + minute, ticker, Stage.IN_TRANSIT, minute)
        .note("scan at minute " + minute)
        .build();
  }

  private static List<String> tickersPerPartition() {
    Map<Integer, String> byPartition = new LinkedHashMap<>();
    for (int i = 0; byPartition.size() < KafkaBroker.DEFAULT_PARTITIONS; i++) {
      String jobId = "TICK-" + i;
      byte[] key = ("swift-parcels/" + jobId).getBytes(StandardCharsets.UTF_8);
      byPartition.putIfAbsent(
          Utils.toPositive(Utils.murmur2(key)) % KafkaBroker.DEFAULT_PARTITIONS, jobId);
    }
    return List.copyOf(byPartition.values());
  }

  private static void send(KafkaBroker broker, List<OpsEvent> events) {
    events.forEach(e -> broker.send(Topics.OPS_EVENTS, e.key(), WireCodec.OPS_EVENT.encode(e)));
  }

  private JobClient start(
      KafkaBroker broker,
      KafkaRecordDeserializationSchema<io.milepost.stream.ingest.RawEvent> deserializer,
      String name)
      throws Exception {
    Configuration options =
        new Configuration()
            .set(ProgressJobOptions.BOOTSTRAP_SERVERS, broker.bootstrapServers())
            .set(ProgressJobOptions.GROUP_ID, name)
            .set(ProgressJobOptions.TRANSACTIONAL_ID_PREFIX, name)
            .set(ProgressJobOptions.PARALLELISM, 2)
            // Time moves with the ticks only, so both runs decide alike.
            .set(ProgressJobOptions.IDLE_TIMEOUT, Duration.ofHours(1));
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
    env.getCheckpointConfig().setCheckpointInterval(Duration.ofDays(365).toMillis());
    return broker == kafka.broker() ? kafka.start(env) : env.executeAsync(name);
  }

  /**
   * Triggers checkpoints until read_committed holds {@code expected} intents, then 3 s more; the
   * intents' business keys.
   */
  private static List<String> checkpointUntilCommitted(
      MiniCluster flink, JobClient job, KafkaBroker broker, int expected) {
    try {
      awaitCommitted(flink, job, broker, expected);
    } catch (RuntimeException e) {
      throw new AssertionError(
          "committed so far: "
              + committed(broker, expected, Duration.ZERO)
              + "; uncommitted: "
              + broker
                  .read(Topics.INTENTS, false, expected, Duration.ofSeconds(2), Duration.ZERO)
                  .stream()
                  .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                  .toList(),
          e);
    }
    return committed(broker, expected, Duration.ofSeconds(3));
  }

  private static void awaitCommitted(
      MiniCluster flink, JobClient job, KafkaBroker broker, int expected) {
    await()
        .atMost(Duration.ofSeconds(45))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions() // a checkpoint cannot start while the job restarts
        .until(
            () -> {
              flink.triggerCheckpoint(job.getJobID()).get(10, TimeUnit.SECONDS);
              return committed(broker, expected, Duration.ZERO).size() >= expected;
            });
  }

  private static List<String> committed(KafkaBroker broker, int expected, Duration settle) {
    return broker.read(Topics.INTENTS, true, expected, Duration.ofSeconds(2), settle).stream()
        .map(record -> businessKey(ServiceDay.intent(record.value())))
        .collect(Collectors.toList());
  }

  /** What the told-once rule counts: the job instance, the kind, and its stage or occurrence. */
  static String businessKey(Intent intent) {
    String key = intent.key() + " " + intent.kind() + " ";
    if (intent.kind() == IntentKind.STAGE_CHANGED) {
      key += intent.stage();
      if (!intent.stagesPassed().isEmpty()) {
        key += " passed " + intent.stagesPassed();
      }
    } else if (intent.kind() == IntentKind.CONTACT_CHANGED) {
      key += intent.sourceEventId();
    } else {
      key += intent.occurrence();
    }
    return key;
  }
}
