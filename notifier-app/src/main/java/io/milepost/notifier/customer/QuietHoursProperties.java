package io.milepost.notifier.customer;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Quiet hours ({@code milepost.quiet-hours.*}): when SMS are held instead of sent, on the
 * customer's local clock. The defaults live here and nowhere else.
 *
 * @param enabled false switches quiet hours off for every tenant and customer (test rigs, tenants
 *     that never want them); env {@code MILEPOST_QUIET_HOURS_ENABLED=false}. Default true.
 * @param start local time quiet hours begin, {@code HH:mm}; default 21:00
 * @param end local time they end, {@code HH:mm}; default 08:00 (before start: across midnight)
 * @param tenants per tenant id: {@code enabled} (false: none for that tenant's customers unless a
 *     customer asks for them), {@code start}, {@code end}; a customer's own preference wins
 */
@ConfigurationProperties("milepost.quiet-hours")
public record QuietHoursProperties(
    Boolean enabled, String start, String end, Map<String, TenantQuietHours> tenants) {

  public QuietHoursProperties {
    enabled = enabled == null ? Boolean.TRUE : enabled;
    start = start == null || start.isBlank() ? QuietWindow.DEFAULT.start().toString() : start;
    end = end == null || end.isBlank() ? QuietWindow.DEFAULT.end().toString() : end;
    tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
    // Read once at startup: a typo stops the start instead of silently texting at night.
    new QuietWindow(
        time("milepost.quiet-hours.start", start), time("milepost.quiet-hours.end", end));
    tenants.forEach(
        (tenant, own) -> {
          if ((own.start() == null) != (own.end() == null)) {
            throw new IllegalArgumentException(
                "milepost.quiet-hours.tenants." + tenant + ": set both start and end, or neither");
          }
          time("milepost.quiet-hours.tenants." + tenant + ".start", own.start());
          time("milepost.quiet-hours.tenants." + tenant + ".end", own.end());
        });
  }

  /** One tenant's quiet hours; null fields follow the global setting. */
  public record TenantQuietHours(Boolean enabled, String start, String end) {}

  /**
   * The window that applies to one customer of a tenant, or empty when none does: globally off;
   * else the customer's preference (off, or their own window); else the tenant's; else the global.
   *
   * @param customer the customer's preference, or null when they expressed none
   */
  public Optional<QuietWindow> windowFor(String tenantId, QuietHoursPreference customer) {
    if (!enabled) {
      return Optional.empty();
    }
    if (customer != null && Boolean.FALSE.equals(customer.enabled())) {
      return Optional.empty();
    }
    if (customer != null && customer.start() != null) {
      return Optional.of(new QuietWindow(customer.start(), customer.end()));
    }
    TenantQuietHours tenant = tenants.get(tenantId);
    boolean customerWants = customer != null && Boolean.TRUE.equals(customer.enabled());
    if (tenant != null && Boolean.FALSE.equals(tenant.enabled()) && !customerWants) {
      return Optional.empty();
    }
    if (tenant != null && tenant.start() != null) {
      return Optional.of(new QuietWindow(time(null, tenant.start()), time(null, tenant.end())));
    }
    return Optional.of(new QuietWindow(time(null, start), time(null, end)));
  }

  private static LocalTime time(String property, String value) {
    if (value == null) {
      return null;
    }
    try {
      return LocalTime.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          (property == null ? "quiet hours" : property) + ": '" + value + "' is not HH:mm", e);
    }
  }
}
