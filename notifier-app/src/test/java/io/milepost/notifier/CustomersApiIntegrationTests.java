package io.milepost.notifier;

import static io.milepost.notifier.Fixtures.ACME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.milepost.notifier.contact.Contacts;
import io.milepost.schemas.Customer;
import io.milepost.schemas.Intent;
import io.milepost.schemas.IntentKind;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Stage;
import io.milepost.schemas.WireCodec;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * One customer across jobs and locations: one record, one answer with both histories, and nothing
 * of it for another tenant.
 */
class CustomersApiIntegrationTests extends NotifierIntegrationTest {
  private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(45);
  private static final Instant MORNING = Instant.parse("2026-11-24T15:00:00Z");

  @Autowired Contacts contacts;

  @Test
  void oneCustomerWithJobsAtTwoLocationsIsOneRecordWithBothHistoriesForItsTenantOnly()
      throws Exception {
    String phone = newPhone();
    String oilChange = newJobId("RO");
    String brakes = newJobId("RO");

    publish(stageChanged(oilChange, "springfield", Stage.CHECKED_IN, 1, phone, "en-US"));
    publish(stageChanged(brakes, "shelbyville", Stage.CHECKED_IN, 1, phone, "en-US"));
    await().atMost(KAFKA_TIMEOUT).until(() -> IntentToSmsIntegrationTests.smsTo(phone).size() == 2);
    // The customer now writes from the second job in Spanish: the customer changes, not a copy,
    // so the first job's contact reads Spanish too.
    publish(stageChanged(brakes, "shelbyville", Stage.DIAGNOSING, 2, phone, "es-MX"));
    await()
        .atMost(KAFKA_TIMEOUT)
        .until(() -> "es-MX".equals(contacts.find(ACME, oilChange).orElseThrow().locale()));

    assertThat(
            rows(
                "SELECT count(*) AS n FROM customers WHERE tenant_id = ? AND phone = ?",
                ACME,
                phone))
        .first()
        .extracting(row -> ((Number) row.get("n")).intValue())
        .isEqualTo(1);

    // Written as a person would: national format, no country code (the tenant's region, US).
    String national =
        "(" + phone.substring(2, 5) + ") " + phone.substring(5, 8) + "-" + phone.substring(8);
    String path =
        "/api/v1/customers/"
            + URLEncoder.encode(national, StandardCharsets.UTF_8).replace("+", "%20");
    HttpResponse<String> answer = httpGet(path, ACME_KEY);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    await()
        .atMost(KAFKA_TIMEOUT)
        .until(() -> json(httpGet(path, ACME_KEY)).get("messages").size() == 3);
    answer = httpGet(path, ACME_KEY);
    JsonNode customer = json(answer);
    assertThat(customer.get("phone").asString()).isEqualTo(phone);
    assertThat(customer.get("name").asString()).isEqualTo("Dana Whitfield");
    assertThat(customer.get("locale").asString()).isEqualTo("es-MX");
    assertThat(customer.get("consent").get("status").asString()).isEqualTo("OPTED_IN");
    List<String> jobs = new ArrayList<>();
    customer
        .get("jobs")
        .forEach(
            job -> jobs.add(job.get("jobId").asString() + "@" + job.get("locationId").asString()));
    assertThat(jobs).containsExactlyInAnyOrder(oilChange + "@springfield", brakes + "@shelbyville");
    List<String> messages = new ArrayList<>();
    customer
        .get("messages")
        .forEach(
            message -> {
              assertThat(message.get("status").asString()).isIn("ACCEPTED", "QUEUED", "SENT");
              assertThat(message.get("statusHistory").size()).isGreaterThanOrEqualTo(2);
              messages.add(message.get("jobId").asString());
            });
    assertThat(messages).containsExactlyInAnyOrder(oilChange, brakes, brakes);
    assertThat(customer.get("replies").isArray()).isTrue();
    assertThat(customer.get("scores").isArray()).isTrue();

    // Another tenant's key: the same answer as for a number nobody knows, and none of the data.
    HttpResponse<String> elsewhere = httpGet(path, SWIFT_KEY);
    assertThat(elsewhere.statusCode()).isEqualTo(404);
    assertThat(elsewhere.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(json(elsewhere).get("type").asString())
        .isEqualTo("https://milepost.io/problems/unknown-customer");
    assertThat(elsewhere.body())
        .doesNotContain(oilChange)
        .doesNotContain("Dana")
        .doesNotContain(phone.substring(2));
  }

  @Test
  void anUnparsableNumberIsA400Problem() throws Exception {
    HttpResponse<String> answer = httpGet("/api/v1/customers/not-a-phone", ACME_KEY);
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(json(answer).get("type").asString())
        .isEqualTo("https://milepost.io/problems/invalid-phone-number");
  }

  @Test
  void theCustomersApiIsDocumented() throws Exception {
    JsonNode docs = json(httpGet("/v3/api-docs/operator-api", null));
    JsonNode customers = docs.get("paths").get("/api/v1/customers/{phone}");
    assertThat(customers.has("get")).isTrue();
    assertThat(customers.has("patch")).isTrue();
    assertThat(customers.has("put")).isTrue();
  }

  private static JsonNode json(HttpResponse<String> response) {
    return WireCodec.MAPPER.readTree(response.body());
  }

  private static Intent stageChanged(
      String jobId, String location, Stage stage, long version, String phone, String locale) {
    return new Intent(
        Intent.idFor(ACME, jobId, IntentKind.STAGE_CHANGED, version),
        IntentKind.STAGE_CHANGED,
        ACME,
        location,
        jobId,
        Journey.VEHICLE_SERVICE,
        stage,
        null,
        version,
        null,
        null,
        MORNING.plusSeconds(600 * version),
        null,
        null,
        null,
        new Customer("Dana Whitfield", phone, locale, "America/Chicago"),
        "event-" + jobId + "-" + version,
        null,
        null);
  }
}
