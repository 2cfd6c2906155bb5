package io.milepost.notifier;

import static io.milepost.notifier.IntentToSmsIntegrationTests.smsTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.milepost.schemas.Customer;
import io.milepost.schemas.Intent;
import io.milepost.schemas.IntentKind;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Stage;
import io.milepost.schemas.WireCodec;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Tenant templates over a real port, in PostgreSQL, and in the texts the tenant's customers get.
 * Written for swift-parcels, which no other test sends texts for, and removed after each test: the
 * database is shared by every integration test.
 */
class TemplatesApiIntegrationTests extends NotifierIntegrationTest {
  private static final String SWIFT = "swift-parcels";
  @Autowired ApplicationContext context;

  private static final String OWN_SPANISH = "{business}: ¡Buenas noticias! {stage}. {link}";

  @AfterEach
  void backToTheShippedWords() {
    execute("DELETE FROM tenant_templates WHERE tenant_id = ?", SWIFT);
    execute("UPDATE tenants SET default_locale = 'en' WHERE tenant_id = ?", SWIFT);
  }

  @Test
  void aTenantsTemplateIsStoredUsedForItsCustomersAndInvisibleToAnotherTenant() throws Exception {
    HttpResponse<String> put =
        send("PUT", "/api/v1/templates/STAGE_CHANGED/es", SWIFT_KEY, body(OWN_SPANISH));

    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    JsonNode stored = json(put);
    assertThat(stored.get("source").asText()).isEqualTo("tenant");
    assertThat(stored.get("locale").asText()).isEqualTo("es");
    assertThat(stored.get("updatedBy").asText()).startsWith("api-key:").doesNotContain(SWIFT_KEY);
    assertThat(
            rows(
                "SELECT tenant_id, kind, locale, text FROM tenant_templates WHERE tenant_id = ?",
                SWIFT))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.get("kind")).isEqualTo("STAGE_CHANGED");
              assertThat(row.get("locale")).isEqualTo("es");
              assertThat(row.get("text")).isEqualTo(OWN_SPANISH);
            });

    // A Mexican-Spanish customer of the tenant gets the tenant's Spanish words...
    JsonNode forMexico = json(httpGet("/api/v1/templates/STAGE_CHANGED/es-MX", SWIFT_KEY));
    assertThat(forMexico.get("text").asText()).isEqualTo(OWN_SPANISH);
    // ...another tenant's customer the shipped ones: no tenant reads or uses another's.
    JsonNode acme = json(httpGet("/api/v1/templates/STAGE_CHANGED/es-MX", ACME_KEY));
    assertThat(acme.get("source").asText()).isEqualTo("shipped");
    assertThat(acme.get("text").asText()).doesNotContain("Buenas noticias");
    assertThat(json(httpGet("/api/v1/templates", ACME_KEY)).get("templates").toString())
        .doesNotContain("Buenas noticias");

    String phone = newPhone();
    publish(parcelIntent(newJobId("PARCEL"), phone, "es-MX"));
    await().atMost(Duration.ofSeconds(45)).until(() -> !smsTo(phone).isEmpty());
    assertThat(smsTo(phone).get(0).formParameters().get("Body").firstValue())
        .startsWith("Swift Parcels: ¡Buenas noticias! su paquete está en camino.")
        .contains("Siga el avance: " + PUBLIC_BASE_URL + "/track/");

    HttpResponse<String> deleted =
        send("DELETE", "/api/v1/templates/STAGE_CHANGED/es", SWIFT_KEY, null);
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(
            json(httpGet("/api/v1/templates/STAGE_CHANGED/es", SWIFT_KEY)).get("source").asText())
        .isEqualTo("shipped");
    assertThat(send("DELETE", "/api/v1/templates/STAGE_CHANGED/es", SWIFT_KEY, null).statusCode())
        .isEqualTo(404);
  }

  @Test
  void invalidTemplatesAreProblemsNamingTheFieldAndNothingIsStored() throws Exception {
    HttpResponse<String> unknown =
        send(
            "PUT",
            "/api/v1/templates/SILENCE/en",
            SWIFT_KEY,
            body("{business}: {stage}, ETA {eta}. {link}"));
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode problem = json(unknown);
    assertThat(problem.get("type").asText())
        .isEqualTo("https://milepost.io/problems/invalid-template");
    assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("/text");
    assertThat(problem.get("errors").get(0).get("message").asText())
        .startsWith("{eta} is not a placeholder of SILENCE");

    HttpResponse<String> unparsable =
        send("PUT", "/api/v1/templates/SILENCE/en", SWIFT_KEY, body("{business: {stage} {link}"));
    assertThat(unparsable.statusCode()).isEqualTo(400);
    assertThat(json(unparsable).get("errors").get(0).get("message").asText())
        .startsWith("is not ICU MessageFormat");

    HttpResponse<String> kind =
        send("PUT", "/api/v1/templates/GOSSIP/en", SWIFT_KEY, body("{business} {link}"));
    assertThat(kind.statusCode()).isEqualTo(400);
    assertThat(json(kind).get("errors").get(0).get("field").asText()).isEqualTo("/kind");

    assertThat(rows("SELECT * FROM tenant_templates WHERE tenant_id = ?", SWIFT)).isEmpty();
    assertThat(send("PUT", "/api/v1/templates/SILENCE/en", null, body("{link}")).statusCode())
        .isEqualTo(401);
  }

  @Test
  void aLanguageNeitherTheTenantNorTheBundlesSpeakFallsBackToTheTenantsDefaultLocale()
      throws Exception {
    HttpResponse<String> set =
        send("PUT", "/api/v1/templates/default-locale", SWIFT_KEY, "{\"locale\": \"es\"}");
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);

    JsonNode french = json(httpGet("/api/v1/templates/STAGE_CHANGED/fr-FR", SWIFT_KEY));
    assertThat(french.get("locale").asText()).isEqualTo("es");
    assertThat(french.get("source").asText()).isEqualTo("shipped");
    assertThat(json(httpGet("/api/v1/templates", SWIFT_KEY)).get("defaultLocale").asText())
        .isEqualTo("es");
    // ACME kept English.
    assertThat(
            json(httpGet("/api/v1/templates/STAGE_CHANGED/fr-FR", ACME_KEY)).get("locale").asText())
        .isEqualTo("en");

    String phone = newPhone();
    publish(parcelIntent(newJobId("PARCEL"), phone, "fr-FR"));
    await().atMost(Duration.ofSeconds(45)).until(() -> !smsTo(phone).isEmpty());
    assertThat(smsTo(phone).get(0).formParameters().get("Body").firstValue())
        .contains("su paquete est")
        .contains("Siga el avance");
  }

  @Test
  void theAppsOneMessageSourceIsTheIcuOneOverTheBundles() {
    // What the pages will read: the context's own messageSource, not Boot's default one.
    assertThat(context.getMessage("stage.label.IN_REPAIR", null, Locale.forLanguageTag("es-MX")))
        .isEqualTo("En reparación");
    assertThat(
            context.getMessage(
                "duration.about-days", new Object[] {Map.of("days", 3)}, Locale.ENGLISH))
        .isEqualTo("about 3 days");
    assertThat(context.getBean("messageSource").getClass().getSimpleName())
        .isEqualTo("IcuMessageSource");
  }

  @Test
  void theTemplatesApiIsInTheOperatorApiDocumentation() throws Exception {
    JsonNode paths = json(httpGet("/v3/api-docs/operator-api", null)).get("paths");

    assertThat(paths.get("/api/v1/templates").has("get")).isTrue();
    assertThat(paths.get("/api/v1/templates/{kind}/{locale}").has("put")).isTrue();
    assertThat(paths.get("/api/v1/templates/preview").has("post")).isTrue();
  }

  private static Intent parcelIntent(String jobId, String phone, String locale) {
    return new Intent(
        Intent.idFor(SWIFT, jobId, IntentKind.STAGE_CHANGED, 1),
        IntentKind.STAGE_CHANGED,
        SWIFT,
        "depot-1",
        jobId,
        Journey.DELIVERY,
        Stage.IN_TRANSIT,
        null,
        1,
        1L,
        null,
        Instant.parse("2026-11-24T08:00:00Z"),
        null,
        null,
        null,
        new Customer("Camille", phone, locale, "Europe/Paris"),
        "event-" + jobId);
  }

  private static String body(String text) {
    return "{\"text\": " + WireCodec.MAPPER.writeValueAsString(text) + "}";
  }

  private HttpResponse<String> send(String method, String path, String apiKey, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(local(path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) {
    return WireCodec.MAPPER.readTree(response.body());
  }
}
