package io.milepost.notifier.ingest;

import io.milepost.schemas.EventClock;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param apiKeys {@code tenantId:apiKey} entries registered at startup (only their SHA-256 is
 *     stored), e.g. from {@code MILEPOST_INGEST_API_KEYS=acme-motors:key1,swift-parcels:key2}. The
 *     list is authoritative: a key configured before and missing now is revoked at startup.
 * @param maxBatch the most events one request may carry
 * @param maxBodySize the largest request body the API reads; a larger one is refused with 413
 *     before it is read whole (declared by Content-Length, or counted while a chunked body arrives)
 * @param ackTimeout how long a request waits for Kafka: for its metadata (the producer's {@code
 *     max.block.ms}) and for the acknowledgement of its events; then it is answered 503
 * @param retryAfter what a 503 tells the producer to wait before it sends again ({@code
 *     Retry-After}, whole seconds)
 * @param maxClockSkew how far ahead of this server's clock an event's occurredAt may be; further is
 *     a producer's wrong clock, refused with 400 (default {@link EventClock#DEFAULT_MAX_SKEW}, the
 *     stream job's default too)
 */
@ConfigurationProperties("milepost.ingest")
public record IngestProperties(
    List<String> apiKeys,
    @DefaultValue("500") int maxBatch,
    @DefaultValue("1MB") DataSize maxBodySize,
    @DefaultValue("PT15S") Duration ackTimeout,
    @DefaultValue("PT30S") Duration retryAfter,
    Duration maxClockSkew) {

  public IngestProperties {
    apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
    maxClockSkew = maxClockSkew == null ? EventClock.DEFAULT_MAX_SKEW : maxClockSkew;
  }

  /** Never the keys themselves: a record's own toString would print every secret. */
  @Override
  public String toString() {
    return "IngestProperties[apiKeys="
        + apiKeys.size()
        + " configured, maxBatch="
        + maxBatch
        + ", maxBodySize="
        + maxBodySize
        + ", ackTimeout="
        + ackTimeout
        + ", retryAfter="
        + retryAfter
        + ", maxClockSkew="
        + maxClockSkew
        + "]";
  }
}
