package io.milepost.notifier.ingest;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param apiKeys {@code tenantId:apiKey} entries registered at startup (only their SHA-256 is
 *     stored), e.g. from {@code MILEPOST_INGEST_API_KEYS=acme-motors:key1,swift-parcels:key2}
 * @param maxBatch the most events one request may carry
 * @param ackTimeout how long a request waits for Kafka to acknowledge its events
 */
@ConfigurationProperties("milepost.ingest")
record IngestProperties(
    List<String> apiKeys,
    @DefaultValue("500") int maxBatch,
    @DefaultValue("PT15S") Duration ackTimeout) {

  IngestProperties {
    apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
  }
}
