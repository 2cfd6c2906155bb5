package io.milepost.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.milepost.schemas.WireCodec;
import io.milepost.testing.FreshDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/** The ingest API while Kafka is unreachable: a prompt 503, never a request held for minutes. */
@ExtendWith(OutputCaptureExtension.class)
class IngestWithoutKafkaIntegrationTests {
  private static final String KEY = "acme-key-kafka-down-0001";
  private static final String PHONE = "+14155550987";
  private static final HttpClient http = HttpClient.newHttpClient();

  private static FreshDatabase database;
  private static StandaloneNotifier notifier;

  @BeforeAll
  static void startWithKafkaOutOfReach() {
    database = FreshDatabase.create();
    // Bootstrap at a port nothing listens on (the default of StandaloneNotifier).
    notifier =
        StandaloneNotifier.start(
            database,
            Map.of(
                "milepost.ingest.api-keys", "acme-motors:" + KEY,
                "milepost.ingest.ack-timeout", "PT2S",
                "milepost.ingest.retry-after", "PT20S"));
  }

  @AfterAll
  static void stop() {
    if (notifier != null) {
      notifier.close();
    }
    database.close();
  }

  @Test
  void aValidBatchIsAnsweredServiceUnavailableWithRetryAfter(CapturedOutput output) {
    String body =
        "["
            + event("down-1", "RO-down-1")
            + ","
            + event("down-2", "RO-down-2")
            + ","
            + event("down-3", "RO-down-3")
            + "]";

    // The ceiling is far above the 2 s configured: it catches a request held for Kafka's default
    // 60 s per send, without timing the answer.
    HttpResponse<String> response =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30),
            () ->
                http.send(
                    HttpRequest.newBuilder(
                            URI.create("http://localhost:" + notifier.port() + "/api/v1/events"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + KEY)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                    HttpResponse.BodyHandlers.ofString()));

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("20");
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode problem = WireCodec.MAPPER.readTree(response.body());
    assertThat(problem.get("status").asInt()).isEqualTo(503);
    assertThat(problem.get("type").asString())
        .isEqualTo("https://milepost.io/problems/events-not-stored");
    // The failure is logged, without the events' phone number or the key.
    assertThat(output.getAll()).doesNotContain(PHONE.substring(2)).doesNotContain(KEY);
  }

  private static String event(String eventId, String jobId) {
    return """
        {"eventId":"%s","tenantId":"acme-motors","locationId":"springfield","jobId":"%s",\
        "journey":"vehicle-service","stage":"CHECKED_IN","occurredAt":"2026-11-24T08:02:11Z",\
        "customer":{"name":"Dana Whitfield","phone":"%s"}}"""
        .formatted(eventId, jobId, PHONE);
  }
}
