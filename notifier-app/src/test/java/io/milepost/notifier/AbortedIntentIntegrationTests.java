package io.milepost.notifier;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.milepost.notifier.Fixtures.stageChanged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.milepost.schemas.Intent;
import io.milepost.schemas.Stage;
import io.milepost.schemas.Topics;
import io.milepost.schemas.WireCodec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The intents topic is written in Kafka transactions (the stream job's exactly-once sink). Treated
 * as a black box: intents go in as the job writes them, texts come out at the Twilio stub.
 */
class AbortedIntentIntegrationTests extends NotifierIntegrationTest {

  @Test
  void anIntentWrittenInAnAbortedTransactionSendsNothing() {
    String jobId = newJobId("RO");
    String phone = newPhone();
    Intent aborted = stageChanged(jobId, Stage.CHECKED_IN, 1, phone, null);
    Intent committed = stageChanged(jobId, Stage.DIAGNOSING, 2, phone, null);

    try (KafkaProducer<String, byte[]> producer = transactionalProducer()) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(record(aborted));
      // Flushed first, so the aborted intent is on the partition, not merely never sent.
      producer.flush();
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(record(committed));
      producer.commitTransaction();
    }

    // Same job, same partition: the committed intent lies behind the aborted one, so by the time
    // its text is out, the aborted one was passed over; the short wait catches a late send.
    await().atMost(Duration.ofSeconds(45)).until(() -> !smsTo(phone).isEmpty());
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> smsTo(phone).size() == 1);
    assertThat(smsTo(phone))
        .singleElement()
        .extracting(request -> request.formParameters().get("Body").firstValue())
        .asString()
        .contains("diagnosing")
        .doesNotContain("checked in");
  }

  private static ProducerRecord<String, byte[]> record(Intent intent) {
    return new ProducerRecord<>(Topics.INTENTS, intent.key(), WireCodec.INTENT.encode(intent));
  }

  private static KafkaProducer<String, byte[]> transactionalProducer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            "aborted-intent-test-" + UUID.randomUUID(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ByteArraySerializer.class));
  }

  private static List<LoggedRequest> smsTo(String phone) {
    return TestInfrastructure.TWILIO.findAll(
        postRequestedFor(urlPathEqualTo(TestInfrastructure.MESSAGES_PATH))
            .withFormParam("To", equalTo(phone)));
  }
}
