package io.milepost.notifier;

import static io.milepost.notifier.Fixtures.ACME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.milepost.schemas.Rules;
import io.milepost.schemas.Topics;
import io.milepost.schemas.WireCodec;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The rules API as the ops console uses it: over a real port, into PostgreSQL with an audit row,
 * onto the real milepost.rules topic, read back with a real consumer.
 */
class RulesApiIntegrationTests extends NotifierIntegrationTest {

  @Test
  void aChangeIsStoredAuditedAndPublishedKeyedByTenant() throws Exception {
    HttpResponse<String> before = httpGet("/api/v1/rules", ACME_KEY);
    long revision = revision(before);

    HttpResponse<String> put =
        putRules(
            """
            {"tenantId": "acme-motors", "silenceLimit": "PT1H", "overrunFactor": 2,
             "journeys": {"vehicle-service": {"stages": [
               {"stage": "WAITING_FOR_PARTS", "sla": "P2D"},
               {"stage": "READY_FOR_PICKUP", "notifyCustomer": false}]}},
             "locations": [{"locationId": "springfield", "timeZone": "America/Chicago"}]}
            """,
            ACME_KEY,
            etag(before));

    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(put.headers().firstValue("ETag")).hasValue("\"" + (revision + 1) + "\"");
    Rules stored = WireCodec.RULES.decode(put.body().getBytes());
    assertThat(stored.revision()).isEqualTo(revision + 1);
    assertThat(stored.updatedAt()).isNotNull();
    assertThat(stored.silenceLimit()).isEqualTo(Duration.ofHours(1));

    HttpResponse<String> after = httpGet("/api/v1/rules", ACME_KEY);
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(after.headers().firstValue("ETag")).hasValue("\"" + (revision + 1) + "\"");
    assertThat(WireCodec.RULES.decode(after.body().getBytes())).isEqualTo(stored);

    ConsumerRecord<String, byte[]> onKafka = awaitOnKafka(ACME, revision + 1);
    assertThat(WireCodec.RULES.decode(onKafka.value())).isEqualTo(stored);
    assertThat(
            rows("SELECT published_revision FROM tenant_rules WHERE tenant_id = ?", ACME)
                .get(0)
                .get("published_revision"))
        .isEqualTo(revision + 1);

    Map<String, Object> audit =
        rows(
                "SELECT actor, changed_at, before::text AS before, after::text AS after"
                    + " FROM rules_audit WHERE tenant_id = ? AND revision = ?",
                ACME,
                revision + 1)
            .get(0);
    assertThat((String) audit.get("actor")).startsWith("api-key:").doesNotContain(ACME_KEY);
    assertThat(WireCodec.RULES.decode(((String) audit.get("after")).getBytes())).isEqualTo(stored);
    if (revision == 0) {
      assertThat(audit.get("before")).isNull();
    } else {
      assertThat(WireCodec.RULES.decode(((String) audit.get("before")).getBytes()).revision())
          .isEqualTo(revision);
    }
  }

  @Test
  void aChangeBasedOnAStaleRevisionIsRefusedAndChangesNothing() throws Exception {
    HttpResponse<String> read = httpGet("/api/v1/rules", ACME_KEY);
    long revision = revision(read);
    assertThat(
            putRules(
                    "{\"tenantId\": \"acme-motors\", \"digestWindow\": \"PT5M\"}",
                    ACME_KEY,
                    etag(read))
                .statusCode())
        .isEqualTo(200);

    // A second editor still holding the first read.
    HttpResponse<String> stale =
        putRules(
            "{\"tenantId\": \"acme-motors\", \"digestWindow\": \"PT0S\"}", ACME_KEY, etag(read));

    assertThat(stale.statusCode()).isEqualTo(412);
    assertThat(stale.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode problem = json(stale);
    assertThat(problem.get("type").asString())
        .isEqualTo("https://milepost.io/problems/rules-changed");
    assertThat(problem.get("currentRevision").asLong()).isEqualTo(revision + 1);
    assertThat(stale.headers().firstValue("ETag")).hasValue("\"" + (revision + 1) + "\"");
    HttpResponse<String> now = httpGet("/api/v1/rules", ACME_KEY);
    assertThat(revision(now)).isEqualTo(revision + 1);
    assertThat(WireCodec.RULES.decode(now.body().getBytes()).digestWindow())
        .isEqualTo(Duration.ofMinutes(5));
    assertThat(
            rows(
                "SELECT id FROM rules_audit WHERE tenant_id = ? AND revision > ?",
                ACME,
                revision + 1))
        .isEmpty();
  }

  @Test
  void aTenantWithoutRulesReadsTheDefaultsAndCannotWriteAnothersRules() throws Exception {
    HttpResponse<String> swift = httpGet("/api/v1/rules", SWIFT_KEY);
    HttpResponse<String> intrusion =
        putRules("{\"tenantId\": \"acme-motors\", \"silenceLimit\": \"PT1M\"}", SWIFT_KEY, null);
    HttpResponse<String> anonymous = httpGet("/api/v1/rules", null);

    assertThat(swift.statusCode()).isEqualTo(200);
    assertThat(swift.headers().firstValue("ETag")).hasValue("\"0\"");
    assertThat(WireCodec.RULES.decode(swift.body().getBytes()))
        .isEqualTo(Rules.defaults("swift-parcels"));
    assertThat(intrusion.statusCode()).isEqualTo(403);
    assertThat(json(intrusion).get("type").asString())
        .isEqualTo("https://milepost.io/problems/forbidden");
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  @Test
  void invalidRulesAreRefusedNamingTheFieldOverTheWire() throws Exception {
    HttpResponse<String> response =
        putRules(
            "{\"tenantId\": \"acme-motors\", \"journeys\": {\"delivery\": {\"stages\":"
                + " [{\"stage\": \"IN_REPAIR\"}]}}}",
            ACME_KEY,
            null);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(json(response).get("errors").get(0).get("field").asString())
        .isEqualTo("/journeys/delivery/stages/0/stage");
  }

  @Test
  void concurrentChangesReachKafkaInRevisionOrderEndingWithTheStoredOne() throws Exception {
    long start = revision(httpGet("/api/v1/rules", ACME_KEY));
    int changes = 6;

    List<CompletableFuture<HttpResponse<String>>> puts = new ArrayList<>();
    for (int i = 0; i < changes; i++) {
      String body = "{\"tenantId\": \"acme-motors\", \"silenceLimit\": \"PT" + (10 + i) + "M\"}";
      puts.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return putRules(body, ACME_KEY, null);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }));
    }
    for (CompletableFuture<HttpResponse<String>> put : puts) {
      assertThat(put.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    HttpResponse<String> stored = httpGet("/api/v1/rules", ACME_KEY);
    assertThat(revision(stored)).isEqualTo(start + changes);
    awaitOnKafka(ACME, start + changes);
    // One key, one partition: offsets order the records as compaction will keep them.
    List<Long> onKafka =
        kafka
            .read(Topics.RULES, false, Integer.MAX_VALUE, Duration.ofSeconds(2), Duration.ZERO)
            .stream()
            .filter(record -> ACME.equals(record.key()))
            .sorted(Comparator.comparingLong(ConsumerRecord::offset))
            .map(RulesApiIntegrationTests::decodedRevision)
            .filter(revision -> revision > start)
            .toList();
    assertThat(onKafka).isSorted().doesNotHaveDuplicates().last().isEqualTo(start + changes);
  }

  @Test
  void theRulesApiIsInTheOperatorApiDocumentation() throws Exception {
    HttpResponse<String> docs = httpGet("/v3/api-docs/operator-api", null);

    assertThat(docs.statusCode()).isEqualTo(200);
    JsonNode rules = json(docs).get("paths").get("/api/v1/rules");
    assertThat(rules).isNotNull();
    assertThat(rules.has("get")).isTrue();
    assertThat(rules.has("put")).isTrue();
  }

  private HttpResponse<String> putRules(String body, String apiKey, String ifMatch)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(local("/api/v1/rules"))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body));
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String etag(HttpResponse<String> response) {
    return response.headers().firstValue("ETag").orElseThrow();
  }

  private static long revision(HttpResponse<String> response) {
    return Long.parseLong(etag(response).replace("\"", ""));
  }

  private static JsonNode json(HttpResponse<String> response) {
    return WireCodec.MAPPER.readTree(response.body());
  }

  /** The tenant's record at this revision on milepost.rules, read from the beginning. */
  static ConsumerRecord<String, byte[]> awaitOnKafka(String tenantId, long revision) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                kafka
                    .read(
                        Topics.RULES,
                        false,
                        Integer.MAX_VALUE,
                        Duration.ofSeconds(2),
                        Duration.ZERO)
                    .stream()
                    .filter(record -> tenantId.equals(record.key()))
                    .filter(record -> decodedRevision(record) == revision)
                    .findFirst()
                    .orElse(null),
            found -> found != null);
  }

  private static long decodedRevision(ConsumerRecord<String, byte[]> record) {
    try {
      return WireCodec.RULES.decode(record.value()).revisionOrZero();
    } catch (Exception e) {
      return -1;
    }
  }
}
