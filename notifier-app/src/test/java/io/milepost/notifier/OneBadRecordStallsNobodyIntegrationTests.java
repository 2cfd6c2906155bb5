package io.milepost.notifier;

import static io.milepost.notifier.Fixtures.ACME;
import static io.milepost.notifier.Fixtures.stageChanged;
import static io.milepost.notifier.Fixtures.vehicleAt;
import static io.milepost.notifier.StompSubscriptions.subscribeAndAwait;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.milepost.schemas.DeadLetterHeaders;
import io.milepost.schemas.JobKey;
import io.milepost.schemas.Stage;
import io.milepost.schemas.Topics;
import io.milepost.schemas.WireCodec;
import io.milepost.testing.KafkaBroker;
import java.lang.reflect.Type;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import tools.jackson.databind.JsonNode;

/**
 * Item 1 of issue 5: a record that fails the same way every time is set aside with its reason and
 * its partition moves on; a record that fails for an infrastructure reason is retried, not lost,
 * while the other partitions flow, and readiness says so when it takes too long.
 *
 * <p>Two kinds of poison per topic. One is the incident's: a note with U+0000 written raw to the
 * topic, bypassing the contract (the codec refuses it now). The other passes the codec and is
 * refused by PostgreSQL, as the incident's record was: a trigger installed by the test raises the
 * error PostgreSQL raises for U+0000 in text (SQLState 22021) when a note carries a marker. The
 * infrastructure failure is PostgreSQL's serialization failure (SQLState 40001) from the same kind
 * of trigger, until the test removes it.
 */
class OneBadRecordStallsNobodyIntegrationTests extends NotifierIntegrationTest {
  private static final String REFUSED = "REFUSED-BY-POSTGRESQL";
  private static final String CONTENDED = "SERIALIZATION-TROUBLE";
  private static final Duration WITHIN_SECONDS = Duration.ofSeconds(30);

  @Autowired private SimpleBrokerMessageHandler broker;
  @Autowired private MeterRegistry meters;

  private final WebSocketStompClient stomp =
      new WebSocketStompClient(new StandardWebSocketClient());
  private StompSession session;

  OneBadRecordStallsNobodyIntegrationTests() {
    stomp.setMessageConverter(new StringMessageConverter());
  }

  @AfterEach
  void removeTriggersAndDisconnect() {
    execute("DROP TRIGGER IF EXISTS test_refuse_note ON jobs");
    execute("DROP TRIGGER IF EXISTS test_contend_note ON jobs");
    execute("DROP TRIGGER IF EXISTS test_refuse_body ON notifications");
    if (session != null && session.isConnected()) {
      session.disconnect();
    }
    stomp.stop();
  }

  @Test
  void poisonIntentsAreSetAsideWithTheirReasonAndTheNextTwentyStillReachTheirCustomers() {
    refuseWithSqlState("notifications", "body", REFUSED, "22021", "test_refuse_body");
    String poisonJob = newJobId("RO-poison");
    int poisonPartition = partitionOf(JobKey.of(ACME, poisonJob));
    byte[] withNul =
        WireCodec.INTENT.encode(
            stageChanged(poisonJob, Stage.CHECKED_IN, 1, newPhone(), "x\u0000y"));
    byte[] refusedByDatabase =
        WireCodec.INTENT.encode(
            stageChanged(poisonJob, Stage.DIAGNOSING, 2, newPhone(), "a note " + REFUSED));
    assertThat(new String(withNul, UTF_8)).contains("x\\u0000y");

    kafka.send(Topics.INTENTS, JobKey.of(ACME, poisonJob), withNul);
    kafka.send(Topics.INTENTS, JobKey.of(ACME, poisonJob), refusedByDatabase);
    Map<String, String> phones = new HashMap<>();
    for (String jobId : twentyJobsHalfOnPartition(poisonPartition)) {
      String phone = newPhone();
      phones.put(jobId, phone);
      publish(stageChanged(jobId, Stage.CHECKED_IN, 1, phone, null));
    }
    String sameJobLater = newPhone();
    publish(stageChanged(poisonJob, Stage.IN_REPAIR, 3, sameJobLater, null));

    await()
        .atMost(WITHIN_SECONDS)
        .untilAsserted(
            () ->
                assertThat(phones.values())
                    .allSatisfy(
                        phone -> assertThat(IntentToSmsIntegrationTests.smsTo(phone)).hasSize(1)));
    await()
        .atMost(WITHIN_SECONDS)
        .until(() -> IntentToSmsIntegrationTests.smsTo(sameJobLater).size() == 1);
    assertSetAside(Topics.INTENTS, Topics.INTENTS_DLQ, withNul, "U+0000");
    assertSetAside(Topics.INTENTS, Topics.INTENTS_DLQ, refusedByDatabase, "SQLState 22021");
  }

  @Test
  void poisonBoardUpdatesAreSetAsideWithTheirReasonAndTheNextTwentyStillReachTheirPages()
      throws Exception {
    String poisonJob = newJobId("RO-poison");
    int poisonPartition = partitionOf(JobKey.of(ACME, poisonJob));
    List<String> jobs = twentyJobsHalfOnPartition(poisonPartition);
    jobs.forEach(jobId -> publish(vehicleAt(jobId, Stage.CHECKED_IN, 1, null)));
    await()
        .atMost(WITHIN_SECONDS)
        .until(() -> jobs.stream().allMatch(j -> trackingToken(ACME, j) != null));
    Pages frames = new Pages();
    session =
        stomp
            .connectAsync("ws://localhost:" + port + "/ws", new WebSocketHttpHeaders(), frames)
            .get(10, TimeUnit.SECONDS);
    for (String jobId : jobs) {
      subscribeAndAwait(session, broker, "/topic/track/" + trackingToken(ACME, jobId), frames);
    }
    refuseWithSqlState("jobs", "note", REFUSED, "22021", "test_refuse_note");
    byte[] withNul =
        WireCodec.BOARD_UPDATE.encode(vehicleAt(poisonJob, Stage.DIAGNOSING, 2, "x\u0000y"));
    byte[] refusedByDatabase =
        WireCodec.BOARD_UPDATE.encode(
            vehicleAt(poisonJob, Stage.IN_REPAIR, 3, "a note " + REFUSED));

    kafka.send(Topics.BOARD, JobKey.of(ACME, poisonJob), withNul);
    kafka.send(Topics.BOARD, JobKey.of(ACME, poisonJob), refusedByDatabase);
    jobs.forEach(jobId -> publish(vehicleAt(jobId, Stage.DIAGNOSING, 2, "on its way")));
    publish(vehicleAt(poisonJob, Stage.QUALITY_CHECK, 4, null));

    Set<String> pushedAtVersion2 = ConcurrentHashMap.newKeySet();
    await()
        .atMost(WITHIN_SECONDS)
        .until(
            () -> {
              String frame;
              while ((frame = frames.poll()) != null) {
                JsonNode view = WireCodec.MAPPER.readTree(frame);
                if (view.get("version").asLong() == 2) {
                  pushedAtVersion2.add(view.get("jobRef").asString());
                }
              }
              return pushedAtVersion2.containsAll(jobs);
            });
    await()
        .atMost(WITHIN_SECONDS)
        .until(
            () ->
                "QUALITY_CHECK"
                    .equals(
                        rows("SELECT stage FROM jobs WHERE job_id = ?", poisonJob)
                            .get(0)
                            .get("stage")));
    assertSetAside(Topics.BOARD, Topics.BOARD_DLQ, withNul, "U+0000");
    assertSetAside(Topics.BOARD, Topics.BOARD_DLQ, refusedByDatabase, "SQLState 22021");
  }

  @Test
  void
      aRecordRetriedTooLongForAnInfrastructureReasonTurnsReadinessDownLosesNothingAndStallsNoOtherPartition()
          throws Exception {
    String stuckJob = newJobId("RO-stuck");
    int stuckPartition = partitionOf(JobKey.of(ACME, stuckJob));
    String behindIt = jobOnPartition(stuckPartition, true);
    String elsewhere = jobOnPartition(stuckPartition, false);
    assertThat(readiness().statusCode()).isEqualTo(200);
    refuseWithSqlState("jobs", "note", CONTENDED, "40001", "test_contend_note");

    publish(vehicleAt(stuckJob, Stage.WAITING_FOR_PARTS, 1, CONTENDED));
    publish(vehicleAt(behindIt, Stage.CHECKED_IN, 1, null));
    publish(vehicleAt(elsewhere, Stage.CHECKED_IN, 1, null));

    // The other partition flows while this one retries.
    await().atMost(WITHIN_SECONDS).until(() -> version(elsewhere) == 1);
    // Readiness goes DOWN once the record has been retried longer than stuck-after (3 s here).
    await().atMost(WITHIN_SECONDS).until(() -> readiness().statusCode() == 503);
    assertThat(version(behindIt)).as("kept in order behind the retried record").isEqualTo(-1);
    assertThat(meters.get("milepost.kafka.records.stuck").gauge().value())
        .isGreaterThanOrEqualTo(1);
    assertThat(
            meters
                .get("milepost.kafka.record.retries")
                .tags("topic", Topics.BOARD, "cause", "sqlstate-40001")
                .counter()
                .count())
        .isGreaterThan(1);

    execute("DROP TRIGGER test_contend_note ON jobs");

    await().atMost(WITHIN_SECONDS).until(() -> version(stuckJob) == 1);
    await().atMost(WITHIN_SECONDS).until(() -> version(behindIt) == 1);
    await().atMost(WITHIN_SECONDS).until(() -> readiness().statusCode() == 200);
    assertThat(rows("SELECT note FROM jobs WHERE job_id = ?", stuckJob).get(0))
        .containsEntry("note", CONTENDED);
    assertThat(meters.get("milepost.kafka.records.stuck").gauge().value()).isZero();
    assertThat(
            rows(
                "SELECT 1 FROM rejected_records WHERE topic = ? AND payload = ?",
                Topics.BOARD,
                WireCodec.BOARD_UPDATE.encode(
                    vehicleAt(stuckJob, Stage.WAITING_FOR_PARTS, 1, CONTENDED))))
        .isEmpty();
  }

  /** Found where operators look: the dead-letter topic with reason and source, and the table. */
  private static void assertSetAside(
      String topic, String deadLetterTopic, byte[] payload, String reason) {
    List<ConsumerRecord<String, byte[]>> deadLetters = new ArrayList<>();
    await()
        .atMost(WITHIN_SECONDS)
        .until(
            () -> {
              deadLetters.clear();
              kafka
                  .read(
                      deadLetterTopic,
                      false,
                      Integer.MAX_VALUE,
                      Duration.ofSeconds(2),
                      Duration.ZERO)
                  .stream()
                  .filter(record -> Arrays.equals(record.value(), payload))
                  .forEach(deadLetters::add);
              return !deadLetters.isEmpty();
            });
    ConsumerRecord<String, byte[]> deadLetter = deadLetters.get(0);
    assertThat(KafkaBroker.header(deadLetter, DeadLetterHeaders.REASON)).contains(reason);
    assertThat(KafkaBroker.header(deadLetter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(topic);
    assertThat(KafkaBroker.header(deadLetter, DeadLetterHeaders.SOURCE_OFFSET)).isNotBlank();
    assertThat(KafkaBroker.header(deadLetter, DeadLetterHeaders.SOURCE_PARTITION)).isNotBlank();
    List<Map<String, Object>> rejected =
        rows(
            "SELECT reason, \"offset\" FROM rejected_records WHERE topic = ? AND payload = ?",
            topic,
            payload);
    assertThat(rejected)
        .singleElement()
        .satisfies(row -> assertThat((String) row.get("reason")).contains(reason));
    assertThat(String.valueOf(rejected.get(0).get("offset")))
        .isEqualTo(KafkaBroker.header(deadLetter, DeadLetterHeaders.SOURCE_OFFSET));
  }

  /** PostgreSQL refuses, with {@code sqlState}, any row whose column contains the marker. */
  private static void refuseWithSqlState(
      String table, String column, String marker, String sqlState, String trigger) {
    String function = trigger + "_fn";
    execute(
        "CREATE OR REPLACE FUNCTION "
            + function
            + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW."
            + column
            + " LIKE '%"
            + marker
            + "%' THEN RAISE EXCEPTION 'refused by a test trigger on "
            + table
            + "."
            + column
            + "' USING ERRCODE = '"
            + sqlState
            + "'; END IF; RETURN NEW; END $$");
    execute(
        "CREATE TRIGGER "
            + trigger
            + " BEFORE INSERT OR UPDATE ON "
            + table
            + " FOR EACH ROW EXECUTE FUNCTION "
            + function
            + "()");
  }

  /** Ten new jobs on {@code partition} and ten on the other one. */
  private static List<String> twentyJobsHalfOnPartition(int partition) {
    List<String> jobs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      jobs.add(jobOnPartition(partition, true));
      jobs.add(jobOnPartition(partition, false));
    }
    return jobs;
  }

  private static String jobOnPartition(int partition, boolean same) {
    while (true) {
      String jobId = newJobId("RO");
      if ((partitionOf(JobKey.of(ACME, jobId)) == partition) == same) {
        return jobId;
      }
    }
  }

  /** Kafka's default partitioner for a keyed record. */
  private static int partitionOf(String key) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(UTF_8))) % KafkaBroker.DEFAULT_PARTITIONS;
  }

  private static long version(String jobId) {
    List<Map<String, Object>> found = rows("SELECT version FROM jobs WHERE job_id = ?", jobId);
    return found.isEmpty() ? -1 : ((Number) found.get(0).get("version")).longValue();
  }

  private HttpResponse<String> readiness() throws Exception {
    return httpGet("/actuator/health/readiness", null);
  }

  /** What the pages receive, for the test thread to drain. */
  static final class Pages extends StompSessionHandlerAdapter {
    private final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();

    @Override
    public Type getPayloadType(StompHeaders headers) {
      return String.class;
    }

    @Override
    public void handleFrame(StompHeaders headers, Object payload) {
      messages.add((String) payload);
    }

    String poll() {
      return messages.poll();
    }
  }
}
