package io.milepost.notifier.ingest;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Registers the configured API keys at startup (after Flyway has created the tables). */
@Component
class ApiKeySeeder implements ApplicationRunner {
  private final IngestProperties properties;
  private final ApiKeys keys;

  ApiKeySeeder(IngestProperties properties, ApiKeys keys) {
    this.properties = properties;
    this.keys = keys;
  }

  @Override
  public void run(ApplicationArguments args) {
    for (String entry : properties.apiKeys()) {
      if (entry.isBlank()) {
        continue;
      }
      int colon = entry.indexOf(':');
      if (colon <= 0 || colon == entry.length() - 1) {
        throw new IllegalArgumentException(
            "milepost.ingest.api-keys entries must look like tenantId:apiKey; one does not"
                + " (its value is not shown, it is a secret)");
      }
      keys.register(entry.substring(0, colon).strip(), entry.substring(colon + 1).strip());
    }
  }
}
