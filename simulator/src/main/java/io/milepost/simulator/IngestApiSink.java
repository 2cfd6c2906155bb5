package io.milepost.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Posts each event to the notifier's HTTP ingest ({@code POST /api/v1/events}) with the API key of
 * the event's tenant, as a producer without Kafka access would.
 */
final class IngestApiSink implements EventSink {
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI endpoint;
  private final Map<String, String> apiKeyByTenant;

  /**
   * @param apiKeyByTenant tenant id to API key; a key under {@code "*"} serves every tenant
   */
  IngestApiSink(URI endpoint, Map<String, String> apiKeyByTenant) {
    this.endpoint = endpoint;
    this.apiKeyByTenant = apiKeyByTenant;
  }

  @Override
  public String send(SimulatedEvent event) throws DeliveryException {
    String tenant = event.key().substring(0, event.key().indexOf('/'));
    String apiKey = apiKeyByTenant.getOrDefault(tenant, apiKeyByTenant.get("*"));
    if (apiKey == null) {
      throw new DeliveryException("no API key for tenant " + tenant, null);
    }
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + apiKey)
            .POST(HttpRequest.BodyPublishers.ofByteArray(event.payload()))
            .build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new DeliveryException(
            "HTTP " + response.statusCode() + " " + response.body().replaceAll("\\s+", " "), null);
      }
      return "HTTP " + response.statusCode();
    } catch (IOException e) {
      throw new DeliveryException("could not reach " + endpoint + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException("interrupted while posting", e);
    }
  }

  @Override
  public void close() {
    // Java 17's HttpClient holds no resources that need closing.
  }
}
