package io.milepost.stream;

import static io.milepost.stream.ServiceDay.AFTERNOON_INTENTS;
import static io.milepost.stream.ServiceDay.BOARD_VERSIONS;
import static io.milepost.stream.ServiceDay.CAR;
import static io.milepost.stream.ServiceDay.MALFORMED;
import static io.milepost.stream.ServiceDay.MORNING_INTENTS_ALL;
import static io.milepost.stream.ServiceDay.WRONG_JOURNEY;
import static io.milepost.testing.KafkaBroker.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.schemas.BoardUpdate;
import io.milepost.schemas.CxKind;
import io.milepost.schemas.CxMeasures;
import io.milepost.schemas.CxMetrics;
import io.milepost.schemas.DeadLetterHeaders;
import io.milepost.schemas.Intent;
import io.milepost.schemas.IntentKind;
import io.milepost.schemas.Stage;
import io.milepost.schemas.TimelineEntry;
import io.milepost.schemas.Topics;
import io.milepost.schemas.WireCodec;
import io.milepost.testing.KafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole job on a MiniCluster at parallelism 2 against a real broker, over a bounded topic. */
class ProgressJobKafkaTest {
  @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestCluster.withTwoSlots();

  /** A tenant's rules with a silence limit of zero: refused by rules.v1.json, never applied. */
  private static final byte[] BAD_RULES =
      "{\"tenantId\": \"acme-motors\", \"revision\": 1, \"silenceLimit\": \"PT0S\"}"
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private static KafkaBroker broker;
  private static List<ConsumerRecord<String, byte[]>> input;

  @BeforeAll
  static void runTheJobOverADayOfEvents() throws Exception {
    broker = JobOnBroker.startWithJobTopics();
    ServiceDay.send(broker, ServiceDay.MORNING);
    ServiceDay.sendBadRecords(broker);
    broker.send(Topics.RULES, "acme-motors", BAD_RULES);
    ServiceDay.send(broker, ServiceDay.AFTERNOON);
    input = broker.read(Topics.OPS_EVENTS, false, 15);

    Configuration options =
        new Configuration()
            .set(ProgressJobOptions.BOOTSTRAP_SERVERS, broker.bootstrapServers())
            .set(ProgressJobOptions.GROUP_ID, "progress-kafka-test")
            .set(ProgressJobOptions.TRANSACTIONAL_ID_PREFIX, "progress-kafka-test")
            .set(ProgressJobOptions.CHECKPOINT_INTERVAL, Duration.ofMillis(500))
            .set(ProgressJobOptions.PARALLELISM, 2)
            // No deadline passes within the day's five hours, and the end of a bounded input
            // raises nothing: the day's intents are exactly the event-driven ones, whichever
            // subtask reads faster.
            .set(ProgressJobOptions.MAX_OUT_OF_ORDERNESS, Duration.ofDays(1))
            .set(ProgressJobOptions.BOUNDED, true);
    StreamExecutionEnvironment env = ProgressJob.environment(options);
    ProgressJob.kafka(options).build(env);
    env.execute(ProgressJob.JOB_NAME);
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void everyStageChangeBecomesExactlyOneCommittedIntentAndDefaultsAloneRaiseNoDelayRisk() {
    List<String> expected =
        Stream.concat(MORNING_INTENTS_ALL.stream(), AFTERNOON_INTENTS.stream()).toList();

    List<Intent> intents = committedIntents(expected.size());

    assertThat(intents).extracting(Intent::intentId).containsExactlyInAnyOrderElementsOf(expected);
    // The car's same-day promise under the default SLAs (24 h for parts, counted in full) is not
    // contradicted by them alone: no stage overran, nothing was learned.
    assertThat(intents).extracting(Intent::kind).doesNotContain(IntentKind.DELAY_RISK);
  }

  @Test
  void intentsAreKeyedByJobAndCarryTheCustomerOnlyOnTheFirst() {
    List<ConsumerRecord<String, byte[]>> records = broker.read(Topics.INTENTS, true, 9);

    assertThat(records)
        .allSatisfy(r -> assertThat(r.key()).isEqualTo(ServiceDay.intent(r.value()).key()));
    List<Intent> withCustomer =
        records.stream()
            .map(r -> ServiceDay.intent(r.value()))
            .filter(i -> i.customer() != null)
            .toList();
    assertThat(withCustomer)
        .singleElement()
        .satisfies(
            intent -> {
              assertThat(intent.intentId()).isEqualTo(ServiceDay.MORNING_INTENTS.get(0));
              assertThat(intent.customer()).isEqualTo(TestEvents.DANA);
            });
  }

  @Test
  void invalidEventsAndRulesLandOnTheDeadLetterTopicUntouchedWithReasonAndSource() {
    List<ConsumerRecord<String, byte[]>> letters = broker.read(Topics.OPS_EVENTS_DLQ, false, 3);

    assertThat(letters).hasSize(3);
    ConsumerRecord<String, byte[]> badRules = withValue(letters, BAD_RULES);
    assertThat(badRules.key()).isEqualTo("acme-motors");
    assertThat(header(badRules, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.RULES);
    assertThat(header(badRules, DeadLetterHeaders.FIELD)).isEqualTo("/silenceLimit");
    ConsumerRecord<String, byte[]> malformed = withValue(letters, MALFORMED);
    ConsumerRecord<String, byte[]> malformedSource = withValue(input, MALFORMED);
    assertThat(malformed.key()).isEqualTo("acme-motors/RO-8");
    assertThat(header(malformed, DeadLetterHeaders.REASON)).startsWith("the payload is not JSON");
    assertThat(header(malformed, DeadLetterHeaders.FIELD)).isNull();
    assertThat(header(malformed, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.OPS_EVENTS);
    assertThat(header(malformed, DeadLetterHeaders.SOURCE_PARTITION))
        .isEqualTo(String.valueOf(malformedSource.partition()));
    assertThat(header(malformed, DeadLetterHeaders.SOURCE_OFFSET))
        .isEqualTo(String.valueOf(malformedSource.offset()));

    ConsumerRecord<String, byte[]> wrongJourney = withValue(letters, WRONG_JOURNEY);
    ConsumerRecord<String, byte[]> wrongJourneySource = withValue(input, WRONG_JOURNEY);
    assertThat(header(wrongJourney, DeadLetterHeaders.FIELD)).isEqualTo("/stage");
    assertThat(header(wrongJourney, DeadLetterHeaders.REASON))
        .contains("DELIVERED is not a stage of journey vehicle-service");
    assertThat(header(wrongJourney, DeadLetterHeaders.SOURCE_OFFSET))
        .isEqualTo(String.valueOf(wrongJourneySource.offset()));
  }

  @Test
  void boardUpdatesCarryRisingVersionsAndTheWholeTimelinePerJob() {
    Map<String, List<BoardUpdate>> byJob = new LinkedHashMap<>();
    for (ConsumerRecord<String, byte[]> record : broker.read(Topics.BOARD, false, 10)) {
      byJob
          .computeIfAbsent(record.key(), key -> new ArrayList<>())
          .add(boardUpdate(record.value()));
    }

    assertThat(byJob.keySet()).containsExactlyInAnyOrderElementsOf(BOARD_VERSIONS.keySet());
    byJob.forEach(
        (job, updates) ->
            assertThat(updates)
                .as(job)
                .extracting(BoardUpdate::version)
                .containsExactlyElementsOf(BOARD_VERSIONS.get(job)));
    BoardUpdate lastOfCar = byJob.get(CAR).get(byJob.get(CAR).size() - 1);
    assertThat(lastOfCar.stage()).isEqualTo(Stage.COLLECTED);
    assertThat(lastOfCar.timeline())
        .extracting(TimelineEntry::stage)
        .containsExactly(
            Stage.CHECKED_IN,
            Stage.DIAGNOSING,
            Stage.IN_REPAIR,
            Stage.READY_FOR_PICKUP,
            Stage.COLLECTED);
    assertThat(byJob.get(CAR).get(3).note()).isEqualTo("Brakes done, rotating tyres");
  }

  @Test
  void cxMetricsReachTheirTopicKeyedByLocationAndDecodeWithTheSchema() {
    List<ConsumerRecord<String, byte[]>> records =
        broker.read(Topics.CX_METRICS, false, 1, Duration.ofSeconds(30), Duration.ofSeconds(2));
    // At least once: a reader keeps the latest record per location, kind and window.
    Map<String, CxMetrics> latest = new LinkedHashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      CxMetrics metrics = cxMetrics(record.value());
      assertThat(record.key()).isEqualTo(metrics.key());
      latest.put(metrics.key() + "/" + metrics.kind() + "/" + metrics.windowStart(), metrics);
    }

    assertThat(latest.values()).extracting(CxMetrics::kind).contains(CxKind.WINDOW, CxKind.DAY);
    // The car was ready at 12:00, promised for 16:00, and collected; the other car and the
    // parcel were told once each. The ServiceDay tenants have no time zone: their day is UTC's.
    CxMeasures dealer = dayOf(latest.values(), "acme-motors/springfield");
    assertThat(dealer.promisesKept()).isEqualTo(1);
    assertThat(dealer.promisesBroken()).isZero();
    assertThat(dealer.jobsClosed()).isEqualTo(1);
    assertThat(dealer.firstUpdates()).isEqualTo(2);
    assertThat(dealer.firstUpdateSecondsMax()).isZero(); // a job's first news goes out at once
    assertThat(dayOf(latest.values(), "swift-parcels/depot-north").firstUpdates()).isEqualTo(1);
    // Dead letters count for the tenant of their key, at the wall-clock time they were set aside:
    // the event naming the wrong journey under its own location, the unreadable event and the bad
    // rules (no location) under "unknown".
    assertThat(deadLetters(latest.values(), "acme-motors/springfield")).isEqualTo(1);
    assertThat(deadLetters(latest.values(), "acme-motors/unknown")).isEqualTo(2);
  }

  private static long deadLetters(java.util.Collection<CxMetrics> metrics, String location) {
    return metrics.stream()
        .filter(m -> m.kind() == CxKind.WINDOW && m.key().equals(location))
        .mapToLong(m -> m.measures().deadLetters())
        .sum();
  }

  private static CxMeasures dayOf(java.util.Collection<CxMetrics> metrics, String location) {
    return metrics.stream()
        .filter(m -> m.kind() == CxKind.DAY && m.key().equals(location))
        .filter(m -> "2026-11-24".equals(m.day()))
        .reduce((first, second) -> second)
        .orElseThrow(() -> new AssertionError("no DAY record of " + location))
        .measures();
  }

  private static CxMetrics cxMetrics(byte[] value) {
    try {
      return WireCodec.CX_METRICS.decode(value);
    } catch (Exception e) {
      throw new AssertionError("the job wrote a CX record that breaks the contract", e);
    }
  }

  private static List<Intent> committedIntents(int expected) {
    // Settle a while past the expected count, so a duplicate would be seen.
    return broker
        .read(Topics.INTENTS, true, expected, Duration.ofSeconds(30), Duration.ofSeconds(2))
        .stream()
        .map(record -> ServiceDay.intent(record.value()))
        .toList();
  }

  private static ConsumerRecord<String, byte[]> withValue(
      List<ConsumerRecord<String, byte[]>> records, byte[] value) {
    return records.stream()
        .filter(record -> Arrays.equals(record.value(), value))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no record with value " + new String(value)));
  }

  private static BoardUpdate boardUpdate(byte[] value) {
    try {
      return WireCodec.BOARD_UPDATE.decode(value);
    } catch (Exception e) {
      throw new AssertionError("the job wrote a board update that breaks the contract", e);
    }
  }
}
