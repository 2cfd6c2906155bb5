package io.milepost.schemas;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * cx-metrics v1: one location's customer-experience measures over a 1-minute window ({@link
 * CxKind#WINDOW}), its local day so far ({@link CxKind#DAY}), or an alert ({@link CxKind#ALERT}).
 * See {@code cx-metrics.v1.json}. Key {@code tenantId/locationId}.
 *
 * @param windowStart the window's start; for a day, its local midnight
 * @param windowEnd exclusive; for a day, the next local midnight
 * @param day the local date ({@code 2026-11-24}), days only
 * @param timeZone the IANA zone the day was cut in, days only
 * @param measures windows and days only
 * @param alert alerts only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CxMetrics(
    CxKind kind,
    String tenantId,
    String locationId,
    Instant windowStart,
    Instant windowEnd,
    String day,
    String timeZone,
    CxMeasures measures,
    CxAlert alert) {

  public static CxMetrics window(
      String tenantId, String locationId, Instant start, Instant end, CxMeasures measures) {
    return new CxMetrics(
        CxKind.WINDOW, tenantId, locationId, start, end, null, null, measures, null);
  }

  public static CxMetrics day(
      String tenantId,
      String locationId,
      Instant start,
      Instant end,
      String day,
      String timeZone,
      CxMeasures measures) {
    return new CxMetrics(
        CxKind.DAY, tenantId, locationId, start, end, day, timeZone, measures, null);
  }

  public static CxMetrics alert(String tenantId, String locationId, CxAlert alert) {
    return new CxMetrics(CxKind.ALERT, tenantId, locationId, null, null, null, null, null, alert);
  }

  /** The Kafka key: {@code tenantId/locationId}. */
  @JsonIgnore
  public String key() {
    return JobKey.of(tenantId, locationId);
  }
}
