package io.milepost.notifier;

import static io.milepost.notifier.Fixtures.ACME;
import static io.milepost.notifier.Fixtures.vehicleAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.milepost.schemas.JobKey;
import io.milepost.schemas.Stage;
import io.milepost.schemas.Topics;
import io.milepost.schemas.WireCodec;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/** The HTTP ingest API as a producer uses it: over a real port, onto a real Kafka topic. */
@ExtendWith(OutputCaptureExtension.class)
class IngestApiIntegrationTests extends NotifierIntegrationTest {

  @Test
  void validEventsAreAcceptedAndLandOnKafkaKeyedByJob() throws Exception {
    String jobA = newJobId("RO");
    String jobB = newJobId("RO");
    String body =
        "["
            + event("e1-" + jobA, jobA, "CHECKED_IN", ACME)
            + ","
            + event("e2-" + jobB, jobB, "DIAGNOSING", ACME)
            + "]";

    HttpResponse<String> response = postEvents(body, ACME_KEY);

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(json(response).get("accepted").asInt()).isEqualTo(2);
    List<ConsumerRecord<String, byte[]>> onKafka = eventsOnKafka("e1-" + jobA, "e2-" + jobB);
    assertThat(onKafka)
        .extracting(ConsumerRecord::key)
        .containsExactlyInAnyOrder(JobKey.of(ACME, jobA), JobKey.of(ACME, jobB));
    assertThat(WireCodec.OPS_EVENT.decode(onKafka.get(0).value()).tenantId()).isEqualTo(ACME);
  }

  @Test
  void aBatchWithBadItemsIsRejectedWholeWithEachProblemNamed() throws Exception {
    String job = newJobId("RO");
    String good = event("good-" + job, job, "CHECKED_IN", ACME);
    String noStage =
        event("bad1-" + job, job, "CHECKED_IN", ACME).replace("\"stage\":\"CHECKED_IN\",", "");
    String otherTenant = event("bad2-" + job, job, "CHECKED_IN", "swift-parcels");

    HttpResponse<String> response =
        postEvents("[" + good + "," + noStage + "," + otherTenant + "]", ACME_KEY);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode problem = json(response);
    assertThat(problem.get("status").asInt()).isEqualTo(400);
    assertThat(problem.get("type").asString())
        .isEqualTo("https://milepost.io/problems/invalid-events");
    assertThat(problem.get("title").asString()).isEqualTo("Invalid events");
    assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/events");
    assertThat(problem.get("detail").asString()).contains("nothing was accepted");
    assertThat(problem.get("errors").size()).isEqualTo(2);
    assertThat(problem.get("errors").get(0).get("index").asInt()).isEqualTo(1);
    assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("/stage");
    assertThat(problem.get("errors").get(0).get("message").asString()).contains("stage");
    assertThat(problem.get("errors").get(1).get("index").asInt()).isEqualTo(2);
    assertThat(problem.get("errors").get(1).get("field").asString()).isEqualTo("/tenantId");
    assertThat(
            kafka.read(
                Topics.OPS_EVENTS, false, Integer.MAX_VALUE, Duration.ZERO, Duration.ofSeconds(2)))
        .noneMatch(
            record -> new String(record.value(), StandardCharsets.UTF_8).contains("good-" + job));
  }

  @Test
  void eventsThatCouldNotBeStoredOrThatComeFromTheFutureAreRefusedNamingTheField()
      throws Exception {
    String job = newJobId("RO");
    String nulInNote =
        event("nul-" + job, job, "CHECKED_IN", ACME).replace("}", ",\"note\":\"x\\u0000y\"}");
    String fromTheFuture =
        event("future-" + job, job, "DIAGNOSING", ACME)
            .replace("2026-11-24T08:02:11Z", "2036-01-01T00:00:00Z");

    HttpResponse<String> response =
        postEvents("[" + nulInNote + "," + fromTheFuture + "]", ACME_KEY);

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode errors = json(response).get("errors");
    assertThat(errors.size()).isEqualTo(2);
    assertThat(errors.get(0).get("index").asInt()).isEqualTo(0);
    assertThat(errors.get(0).get("field").asString()).isEqualTo("/note");
    assertThat(errors.get(1).get("index").asInt()).isEqualTo(1);
    assertThat(errors.get(1).get("field").asString()).isEqualTo("/occurredAt");
    assertThat(errors.get(1).get("message").asString()).contains("ahead of the receiver's clock");
  }

  @Test
  void malformedJsonIsAProblemToo() throws Exception {
    HttpResponse<String> response = postEvents("[{\"eventId\": ", ACME_KEY);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("detail").asString()).contains("not valid JSON");
  }

  @Test
  void aBodyThatIsNotJsonIsUnsupportedMediaTypeAsAProblem() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(local("/api/v1/events"))
                .header("Content-Type", "text/plain")
                .header("Authorization", "Bearer " + ACME_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("hello"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(json(response).get("status").asInt()).isEqualTo(415);
  }

  @Test
  void requestsWithoutAValidKeyAreUnauthorized() throws Exception {
    String body = event("e-none", newJobId("RO"), "CHECKED_IN", ACME);

    HttpResponse<String> missing = postEvents(body, null);
    HttpResponse<String> unknown = postEvents(body, "not-a-real-key");

    for (HttpResponse<String> response : List.of(missing, unknown)) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("application/problem+json");
      assertThat(json(response).get("status").asInt()).isEqualTo(401);
      assertThat(json(response).get("type").asString())
          .isEqualTo("https://milepost.io/problems/unauthorized");
      assertThat(json(response).get("instance").asString()).isEqualTo("/api/v1/events");
    }
  }

  @Test
  void aJobsTrackingLinkIsAvailableToItsTenantOnly() throws Exception {
    String jobId = newJobId("RO");
    publish(vehicleAt(jobId, Stage.DIAGNOSING, 2, null));
    await().atMost(Duration.ofSeconds(45)).until(() -> trackingToken(ACME, jobId) != null);

    HttpResponse<String> mine = httpGet("/api/v1/jobs/" + jobId, ACME_KEY);
    HttpResponse<String> theirs = httpGet("/api/v1/jobs/" + jobId, SWIFT_KEY);
    HttpResponse<String> list = httpGet("/api/v1/jobs", ACME_KEY);

    assertThat(mine.statusCode()).isEqualTo(200);
    JsonNode job = json(mine);
    assertThat(job.get("stage").asString()).isEqualTo("DIAGNOSING");
    assertThat(job.get("version").asLong()).isEqualTo(2);
    assertThat(job.get("trackingUrl").asString())
        .isEqualTo(PUBLIC_BASE_URL + "/track/" + trackingToken(ACME, jobId));
    assertThat(theirs.statusCode()).isEqualTo(404);
    assertThat(json(theirs).get("title").asString()).isEqualTo("Unknown job");
    assertThat(json(list).valueStream().map(each -> each.get("jobId").asString())).contains(jobId);
  }

  @Test
  void aBodyDeclaredLargerThanTheLimitIsRefusedBeforeItArrives() throws Exception {
    // Content-Length says 2 MiB; only the first 64 KiB are ever sent. An answer proves the server
    // did not wait for (let alone parse) the rest.
    RawHttp.Response response =
        RawHttp.post(
            port, "/api/v1/events", ACME_KEY, twoMebibytes(), RawHttp.Framing.DECLARED, 64 * 1024);

    assertTooLarge(response);
  }

  @Test
  void aChunkedBodyIsRefusedOnceItPassesTheLimitWithoutWaitingForTheRest() throws Exception {
    // No length up front: 1 MiB + 128 KiB of a 2 MiB body arrive, the body never ends.
    RawHttp.Response response =
        RawHttp.post(
            port,
            "/api/v1/events",
            ACME_KEY,
            twoMebibytes(),
            RawHttp.Framing.CHUNKED,
            (1024 + 128) * 1024);

    assertTooLarge(response);
  }

  @Test
  void aWholeChunkedBodyOverTheLimitIsRefused() throws Exception {
    byte[] body = twoMebibytes();

    assertTooLarge(
        RawHttp.post(port, "/api/v1/events", ACME_KEY, body, RawHttp.Framing.CHUNKED, body.length));
  }

  @Test
  void aChunkedBodyWithinTheLimitIsAccepted() throws Exception {
    String job = newJobId("RO");
    byte[] body = event("chunked-" + job, job, "CHECKED_IN", ACME).getBytes(StandardCharsets.UTF_8);

    RawHttp.Response response =
        RawHttp.post(port, "/api/v1/events", ACME_KEY, body, RawHttp.Framing.CHUNKED, body.length);

    assertThat(response.status()).as(response.body()).isEqualTo(202);
    assertThat(eventsOnKafka("chunked-" + job)).hasSize(1);
  }

  @Test
  void anotherTenantsKeyNeitherListsNorReadsTheJob() throws Exception {
    String jobId = newJobId("RO");
    publish(vehicleAt(jobId, Stage.DIAGNOSING, 2, null));
    await().atMost(Duration.ofSeconds(45)).until(() -> trackingToken(ACME, jobId) != null);

    HttpResponse<String> ownList = httpGet("/api/v1/jobs?limit=1000", ACME_KEY);
    HttpResponse<String> theirList = httpGet("/api/v1/jobs?limit=1000", SWIFT_KEY);
    HttpResponse<String> theirRead = httpGet("/api/v1/jobs/" + jobId, SWIFT_KEY);

    assertThat(json(ownList).valueStream().map(each -> each.get("jobId").asString()))
        .contains(jobId);
    assertThat(theirList.statusCode()).isEqualTo(200);
    assertThat(theirList.body()).doesNotContain(jobId).doesNotContain(trackingToken(ACME, jobId));
    assertThat(theirRead.statusCode()).isEqualTo(404);
    assertThat(theirRead.body()).doesNotContain(trackingToken(ACME, jobId));
  }

  @Test
  void neitherTheApiKeyNorAPhoneNumberReachesTheLog(CapturedOutput output) throws Exception {
    String job = newJobId("RO");
    String phone = newPhone();
    String withPhone =
        event("pii-" + job, job, "CHECKED_IN", ACME)
            .replace(
                "}", ",\"customer\":{\"name\":\"Dana Whitfield\",\"phone\":\"" + phone + "\"}}");
    // The same number, not E.164: refused, and the refusal names the field, not the value.
    String badPhone = withPhone.replace(phone, phone.replace("+1", "+1 ")).replace("pii-", "bad-");

    assertThat(postEvents(withPhone, ACME_KEY).statusCode()).isEqualTo(202);
    assertThat(postEvents(badPhone, ACME_KEY).statusCode()).isEqualTo(400);
    assertThat(postEvents(withPhone, ACME_KEY + "-revoked").statusCode()).isEqualTo(401);
    assertThat(eventsOnKafka("pii-" + job)).hasSize(1);

    String digits = phone.substring(2);
    assertThat(output.getAll()).doesNotContain(ACME_KEY).doesNotContain(digits);
  }

  @Test
  void theApiIsDescribedByOpenApiWithoutLogin() throws Exception {
    HttpResponse<String> docs = httpGet("/v3/api-docs/operator-api", null);

    assertThat(docs.statusCode()).isEqualTo(200);
    JsonNode paths = json(docs).get("paths");
    assertThat(paths.has("/api/v1/events")).isTrue();
    assertThat(paths.has("/api/v1/jobs/{jobId}")).isTrue();
    assertThat(httpGet("/swagger-ui/index.html", null).statusCode()).isEqualTo(200);
  }

  private static void assertTooLarge(RawHttp.Response response) {
    assertThat(response.status()).isEqualTo(413);
    assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
    JsonNode problem = WireCodec.MAPPER.readTree(response.body());
    assertThat(problem.get("status").asInt()).isEqualTo(413);
    assertThat(problem.get("type").asString())
        .isEqualTo("https://milepost.io/problems/body-too-large");
    assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/events");
  }

  /** A 2 MiB JSON event: valid but for the size of its note. */
  private static byte[] twoMebibytes() {
    String start = event("big", "RO-big", "CHECKED_IN", ACME).replace("}", ",\"note\":\"");
    String end = "\"}";
    return (start + "x".repeat(2 * 1024 * 1024 - start.length() - end.length()) + end)
        .getBytes(StandardCharsets.UTF_8);
  }

  private HttpResponse<String> postEvents(String body, String apiKey) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(local("/api/v1/events"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static List<ConsumerRecord<String, byte[]>> eventsOnKafka(String... eventIds) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> matching(eventIds).size() == eventIds.length);
    return matching(eventIds);
  }

  private static List<ConsumerRecord<String, byte[]>> matching(String... eventIds) {
    return kafka
        .read(Topics.OPS_EVENTS, false, Integer.MAX_VALUE, Duration.ZERO, Duration.ofMillis(500))
        .stream()
        .filter(
            record -> {
              String text = new String(record.value(), StandardCharsets.UTF_8);
              return List.of(eventIds).stream().anyMatch(id -> text.contains("\"" + id + "\""));
            })
        .toList();
  }

  private static String event(String eventId, String jobId, String stage, String tenant) {
    return """
        {"eventId":"%s","tenantId":"%s","locationId":"springfield","jobId":"%s",\
        "journey":"vehicle-service","stage":"%s","occurredAt":"2026-11-24T08:02:11Z"}"""
        .formatted(eventId, tenant, jobId, stage);
  }

  private static JsonNode json(HttpResponse<String> response) {
    return WireCodec.MAPPER.readTree(response.body());
  }
}
