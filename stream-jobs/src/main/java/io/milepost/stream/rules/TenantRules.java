package io.milepost.stream.rules;

import io.milepost.schemas.Rules;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;

/**
 * Which rules a tenant has, as every operator holding the rules broadcast reads them: its latest
 * record, else {@link Rules#defaults}. The one place for that fallback.
 */
public final class TenantRules {
  private TenantRules() {}

  /**
   * The defaults per tenant, built once: every job decision and CX signal of a tenant without rules
   * asked for them, and building them was a few percent of the job's CPU (JFR). Immutable records,
   * so shared by every operator of the JVM; bounded all the same.
   */
  private static final Map<String, Rules> DEFAULTS = new ConcurrentHashMap<>();

  private static final int DEFAULTS_BOUND = 10_000;

  /** The tenant's latest rules held in {@code held}, else the defaults. */
  public static Rules of(ReadOnlyBroadcastState<String, Rules> held, String tenantId)
      throws Exception {
    Rules rules = held.get(tenantId);
    return rules != null ? rules : defaults(tenantId);
  }

  /** {@link Rules#defaults}, built once per tenant. */
  private static Rules defaults(String tenantId) {
    Rules known = DEFAULTS.get(tenantId);
    if (known == null) {
      known = Rules.defaults(tenantId);
      if (DEFAULTS.size() < DEFAULTS_BOUND) {
        DEFAULTS.put(tenantId, known);
      }
    }
    return known;
  }
}
