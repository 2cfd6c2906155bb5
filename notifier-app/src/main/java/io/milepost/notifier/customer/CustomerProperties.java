package io.milepost.notifier.customer;

import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How operators' phone numbers are read ({@code milepost.customers.*}).
 *
 * @param defaultRegion ISO 3166 region of a number typed without its country code; default "US"
 * @param regions per tenant id, its own region (a UK tenant: "GB")
 */
@ConfigurationProperties("milepost.customers")
public record CustomerProperties(String defaultRegion, Map<String, String> regions) {
  public CustomerProperties {
    defaultRegion =
        defaultRegion == null || defaultRegion.isBlank()
            ? "US"
            : defaultRegion.strip().toUpperCase(Locale.ROOT);
    regions = regions == null ? Map.of() : Map.copyOf(regions);
  }

  /** The region a tenant's national numbers belong to. */
  public String regionOf(String tenantId) {
    String own = regions.get(tenantId);
    return own == null || own.isBlank() ? defaultRegion : own.strip().toUpperCase(Locale.ROOT);
  }
}
