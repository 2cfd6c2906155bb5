package io.milepost.notifier.ingest;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Brings the API keys in PostgreSQL in line with {@code milepost.ingest.api-keys} at startup: the
 * configured set is authoritative for keys from configuration, so a key removed from it stops
 * working at the next start. Runs once every bean exists (Flyway has migrated: the JDBC beans wait
 * for it) and before the web server starts, so a removed key never answers even briefly.
 */
@Component
class ApiKeySeeder implements SmartInitializingSingleton {
  private static final Logger log = LoggerFactory.getLogger(ApiKeySeeder.class);

  private final IngestProperties properties;
  private final ApiKeys keys;

  ApiKeySeeder(IngestProperties properties, ApiKeys keys) {
    this.properties = properties;
    this.keys = keys;
  }

  @Override
  public void afterSingletonsInstantiated() {
    Map<String, String> tenantByKey = new LinkedHashMap<>();
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
      tenantByKey.put(entry.substring(colon + 1).strip(), entry.substring(0, colon).strip());
    }
    int revoked = keys.matchConfiguration(tenantByKey);
    // Counts only: a key, even a revoked one, is never logged.
    log.info(
        "API keys from configuration: {} active, {} no longer configured and revoked",
        tenantByKey.size(),
        revoked);
  }
}
