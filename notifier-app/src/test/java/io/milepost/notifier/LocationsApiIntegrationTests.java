package io.milepost.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * A tenant names its places through the API; another tenant's key neither sees nor changes them.
 */
class LocationsApiIntegrationTests extends NotifierIntegrationTest {

  @Test
  void aLocationIsNamedWithItsPhoneAndOnlyItsTenantSeesIt() throws Exception {
    String location = newJobId("loc");

    HttpResponse<String> saved =
        put(
            "/api/v1/locations/" + location,
            ACME_KEY,
            "{\"name\":\"Acme Springfield\",\"phone\":\"+12175550100\",\"address\":\"1 Main St\"}");
    HttpResponse<String> acme = httpGet("/api/v1/locations", ACME_KEY);
    HttpResponse<String> swift = httpGet("/api/v1/locations", SWIFT_KEY);

    assertThat(saved.statusCode()).isEqualTo(200);
    assertThat(acme.body())
        .contains(location)
        .contains("Acme Springfield")
        .contains("+12175550100");
    assertThat(swift.body()).doesNotContain(location);
  }

  @Test
  void aPhoneThatIsNotE164IsRefusedNamingTheField() throws Exception {
    HttpResponse<String> refused =
        put(
            "/api/v1/locations/springfield",
            ACME_KEY,
            "{\"name\":\"Acme\",\"phone\":\"555-0100\"}");

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(refused.body()).contains("\"field\":\"phone\"").contains("E.164");
  }

  private HttpResponse<String> put(String path, String key, String json) throws Exception {
    return http.send(
        HttpRequest.newBuilder(local(path))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
