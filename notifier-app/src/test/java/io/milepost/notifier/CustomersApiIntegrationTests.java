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
import java.net.http.HttpRequest;
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
  void aNewPhoneLinksTheJobToItsOwnerAndPreferencesReachTheJobsContact() throws Exception {
    String first = newPhone();
    String corrected = newPhone();
    String jobId = newJobId("RO");
    publish(stageChanged(jobId, "springfield", Stage.CHECKED_IN, 1, first, "en-US"));
    await().atMost(KAFKA_TIMEOUT).until(() -> IntentToSmsIntegrationTests.smsTo(first).size() == 1);

    publish(
        Fixtures.contactChanged(
            jobId,
            Journey.VEHICLE_SERVICE,
            Stage.CHECKED_IN,
            "event-" + jobId + "-fix",
            null,
            MORNING.plusSeconds(900),
            corrected,
            "en-US"));
    await()
        .atMost(KAFKA_TIMEOUT)
        .until(() -> httpGet("/api/v1/customers/" + corrected, ACME_KEY).statusCode() == 200);

    // The job is the new number's now; the first number keeps the text it was sent.
    JsonNode before = json(httpGet("/api/v1/customers/" + first, ACME_KEY));
    assertThat(before.get("jobs").size()).isZero();
    assertThat(before.get("messages").get(0).get("jobId").asString()).isEqualTo(jobId);
    JsonNode after = json(httpGet("/api/v1/customers/" + corrected, ACME_KEY));
    assertThat(after.get("jobs").get(0).get("jobId").asString()).isEqualTo(jobId);

    // The customer's choices win over what the events said, for every job of theirs.
    HttpResponse<String> patched =
        http.send(
            HttpRequest.newBuilder(local("/api/v1/customers/" + corrected))
                .header("Authorization", "Bearer " + ACME_KEY)
                .header("Content-Type", "application/merge-patch+json")
                .method(
                    "PATCH",
                    HttpRequest.BodyPublishers.ofString(
                        "{\"locale\": \"es-US\", \"timeZone\": \"Europe/Madrid\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    assertThat(json(patched).get("preferences").get("locale").asString()).isEqualTo("es-US");
    assertThat(contacts.find(ACME, jobId).orElseThrow())
        .extracting(contact -> contact.locale(), contact -> contact.timeZone())
        .containsExactly("es-US", "Europe/Madrid");

    HttpResponse<String> reset =
        http.send(
            HttpRequest.newBuilder(local("/api/v1/customers/" + corrected))
                .header("Authorization", "Bearer " + ACME_KEY)
                .header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"locale\": null}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(reset.statusCode()).isEqualTo(200);
    assertThat(contacts.find(ACME, jobId).orElseThrow().locale()).isEqualTo("en-US");
    // Another tenant cannot change them either.
    HttpResponse<String> foreign =
        http.send(
            HttpRequest.newBuilder(local("/api/v1/customers/" + corrected))
                .header("Authorization", "Bearer " + SWIFT_KEY)
                .header("Content-Type", "application/json")
                .method(
                    "PATCH", HttpRequest.BodyPublishers.ofString("{\"channels\": \"WEB_ONLY\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(foreign.statusCode()).isEqualTo(404);
    assertThat(
            rows(
                "SELECT channels FROM customers WHERE tenant_id = ? AND phone = ?",
                ACME,
                corrected))
        .first()
        .extracting(row -> row.get("channels"))
        .isEqualTo("SMS");
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
