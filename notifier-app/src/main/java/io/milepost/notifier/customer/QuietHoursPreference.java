package io.milepost.notifier.customer;

import java.time.LocalTime;

/**
 * A customer's own quiet hours. {@code enabled} null: follow the tenant; false: no quiet hours for
 * them; true: quiet hours even where the tenant switched them off. {@code start} and {@code end}
 * (both or neither) replace the tenant's window.
 */
public record QuietHoursPreference(Boolean enabled, LocalTime start, LocalTime end) {
  public static final QuietHoursPreference FOLLOW_TENANT =
      new QuietHoursPreference(null, null, null);

  public QuietHoursPreference {
    if ((start == null) != (end == null)) {
      throw new IllegalArgumentException("quiet hours need both a start and an end, or neither");
    }
  }

  boolean isDefault() {
    return enabled == null && start == null;
  }
}
