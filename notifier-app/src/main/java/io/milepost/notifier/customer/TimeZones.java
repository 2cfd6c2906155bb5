package io.milepost.notifier.customer;

import io.milepost.schemas.Rules;
import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * Where a customer reads the clock, decided in one place for texts, quiet hours and the tracking
 * page: their own zone (chosen, else from their events, else the job's contact's) if it is a valid
 * one, else the job's location's from the tenant's rules, else UTC.
 */
public final class TimeZones {
  private TimeZones() {}

  /**
   * @param own the customer's zone id as stored (may be null, or invalid if stored before the
   *     contract checked zones)
   * @param rules the tenant's rules (their defaults when the tenant set none)
   */
  public static ZoneId forCustomer(String own, Rules rules, String locationId) {
    if (own != null) {
      try {
        return ZoneId.of(own);
      } catch (DateTimeException e) {
        // Not a zone: fall back to the location's.
      }
    }
    return rules.timeZone(locationId);
  }
}
