package io.milepost.notifier.kafka;

import io.milepost.schemas.Topics;
import io.milepost.schemas.WireCodec;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Whose a record that could not be processed is, so that an operator sees only their own tenant's:
 * the same order the stream job counts dead letters in (cx-metrics.v1.json {@code deadLetters}):
 * the key's prefix ({@code tenantId/jobId}), else the payload's {@code tenantId}, else for rules
 * the key itself (rules are keyed by tenant). A record none of these name cannot be attributed and
 * is shown to no one.
 */
public final class RecordTenant {
  /** A tenant id as the contract writes one; anything else names no tenant. */
  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private RecordTenant() {}

  /**
   * @param sourceTopic the topic the record was first read from (for a dead letter, its source)
   * @return the tenant, or null when the record does not say
   */
  public static String of(String sourceTopic, String key, byte[] payload) {
    if (key != null && key.indexOf('/') > 0) {
      String prefix = key.substring(0, key.indexOf('/'));
      if (TENANT.matcher(prefix).matches()) {
        return prefix;
      }
    }
    String inPayload = payloadTenant(payload);
    if (inPayload != null) {
      return inPayload;
    }
    if (Topics.RULES.equals(sourceTopic) && key != null && TENANT.matcher(key).matches()) {
      return key;
    }
    return null;
  }

  private static String payloadTenant(byte[] payload) {
    if (payload == null || payload.length == 0) {
      return null;
    }
    try {
      JsonNode node = WireCodec.MAPPER.readTree(payload);
      JsonNode tenant = node == null ? null : node.get("tenantId");
      if (tenant != null && tenant.isString() && TENANT.matcher(tenant.asString()).matches()) {
        return tenant.asString();
      }
    } catch (RuntimeException e) {
      // Not JSON (or not an object): the payload names no one.
    }
    return null;
  }
}
