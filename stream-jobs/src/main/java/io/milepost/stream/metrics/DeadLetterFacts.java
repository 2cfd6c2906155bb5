package io.milepost.stream.metrics;

import io.milepost.schemas.WireCodec;
import io.milepost.stream.ingest.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.flink.api.common.functions.MapFunction;
import tools.jackson.databind.JsonNode;

/**
 * A dead letter as a CX fact of the tenant and location it names, where they can be read: the
 * tenant from the record key's prefix ({@code tenantId/jobId}, or a rules record's {@code
 * tenantId}), else from the payload's {@code tenantId}; the location from the payload's {@code
 * locationId}. What cannot be read, or is no valid identifier, counts under {@link #UNKNOWN}.
 */
public final class DeadLetterFacts implements MapFunction<DeadLetter, CxFact> {
  /** The tenant or location of a dead letter that names none that can be trusted. */
  public static final String UNKNOWN = "unknown";

  private final Clock clock;

  public DeadLetterFacts(Clock clock) {
    this.clock = clock;
  }

  @Override
  public CxFact map(DeadLetter letter) {
    return of(letter, clock);
  }

  public static CxFact of(DeadLetter letter, Clock clock) {
    JsonNode payload = payload(letter.value());
    String tenant = identifier(keyTenant(letter.key()));
    if (tenant == null) {
      tenant = identifier(text(payload, "tenantId"));
    }
    String location = identifier(text(payload, "locationId"));
    return new CxFact(
        tenant == null ? UNKNOWN : tenant,
        location == null ? UNKNOWN : location,
        CxFact.Kind.DEAD_LETTER,
        clock.instant(),
        0,
        null);
  }

  private static String keyTenant(byte[] key) {
    if (key == null) {
      return null;
    }
    String text = new String(key, StandardCharsets.UTF_8);
    int slash = text.indexOf('/');
    return slash >= 0 ? text.substring(0, slash) : text;
  }

  private static JsonNode payload(byte[] value) {
    if (value == null || value.length == 0) {
      return null;
    }
    try {
      return WireCodec.MAPPER.readTree(value);
    } catch (RuntimeException e) {
      return null; // not JSON: nothing to read
    }
  }

  private static String text(JsonNode node, String field) {
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode value = node.get(field);
    return value != null && value.isString() ? value.asString() : null;
  }

  /** The contract's identifier: 1–128 characters, no slash, whitespace or control character. */
  static String identifier(String text) {
    if (text == null || text.isEmpty() || text.length() > 128) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '/' || Character.isWhitespace(c) || c <= 0x1F || c == 0x7F) {
        return null;
      }
    }
    return text;
  }
}
