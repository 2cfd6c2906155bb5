package io.milepost.stream.metrics;

import io.milepost.schemas.CxAlert;
import io.milepost.schemas.CxAlertCode;
import io.milepost.schemas.CxMeasures;
import io.milepost.schemas.CxMetrics;
import io.milepost.schemas.Rules;
import io.milepost.stream.rules.TenantRules;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The CX metrics of one location, keyed by {@code tenantId/locationId}: counts {@link CxFact}s in
 * 1-minute event-time windows and in the location's local day (its time zone from the tenant's
 * rules), and raises CX alerts once per crossing of the rules' thresholds.
 *
 * <p>A window is emitted when the watermark passes its end, then dropped; each emitted window is
 * followed by the running totals of the days that changed. A day is dropped when the watermark
 * passes its local midnight. So the state is the windows not yet closed (one per minute with facts
 * between the watermark and the latest fact: a handful) and a day or two; one timer per window, and
 * the day's end shares a window's. Windows are kept by hand rather than by Flink's window operator
 * because the day and the alerts need the broadcast rules, which a window operator cannot read.
 */
public class LocationCxFunction
    extends KeyedBroadcastProcessFunction<String, CxFact, Rules, CxMetrics> {

  private transient MapState<Long, CxMeasures> windows;
  private transient MapState<Long, CxDay> days;
  private transient Counter afterEndOfInput;

  @Override
  public void open(OpenContext openContext) {
    windows =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "cx-windows", Types.LONG, TypeInformation.of(CxMeasures.class)));
    days =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>("cx-days", Types.LONG, TypeInformation.of(CxDay.class)));
    afterEndOfInput = getRuntimeContext().getMetricGroup().counter("cx-facts-after-end-of-input");
  }

  @Override
  public void processElement(CxFact fact, ReadOnlyContext ctx, Collector<CxMetrics> out)
      throws Exception {
    long watermark = ctx.timerService().currentWatermark();
    if (watermark == Long.MAX_VALUE) {
      afterEndOfInput.inc(); // every window has closed: nowhere left to count it
      return;
    }
    Rules rules = rulesOf(ctx.getBroadcastState(CxPipeline.RULES), fact.tenantId());
    long at = Measures.countsAt(fact, watermark);
    CxMeasures measures = Measures.of(fact);

    long windowStart = Measures.windowStart(at);
    CxMeasures window = windows.get(windowStart);
    windows.put(windowStart, window == null ? measures : window.plus(measures));
    ctx.timerService().registerEventTimeTimer(Measures.windowEnd(windowStart) - 1);

    ZoneId zone = rules.timeZone(fact.locationId());
    LocalDate date = Measures.day(at, zone);
    CxDay day = days.get(date.toEpochDay());
    if (day == null) {
      day = new CxDay();
      day.day = date.toString();
      day.timeZone = zone.getId();
      day.start = Measures.dayStart(date, zone);
      day.end = Measures.dayStart(date.plusDays(1), zone);
      ctx.timerService().registerEventTimeTimer(day.end.toEpochMilli() - 1);
    }
    day.measures = day.measures.plus(measures);
    day.changed = true;

    if (fact.kind() == CxFact.Kind.PROMISE_BROKEN) {
      long broken = day.measures.promisesBroken();
      long threshold = rules.cxPromisesBrokenPerDay();
      if (CxAlerts.raise(day.promisesAlerted, broken, threshold)) {
        out.collect(
            alert(
                fact,
                new CxAlert(
                    CxAlertCode.PROMISES_BROKEN_TODAY,
                    threshold,
                    broken,
                    fact.jobId(),
                    fact.at())));
      }
      day.promisesAlerted = CxAlerts.over(broken, threshold);
    } else if (fact.kind() == CxFact.Kind.JOB_SILENT) {
      // The job function raises this once per silent period of the job: one crossing each.
      out.collect(
          alert(
              fact,
              new CxAlert(
                  CxAlertCode.JOB_SILENT_TOO_LONG,
                  rules.cxSilentJobLongerThan().toSeconds(),
                  fact.value(),
                  fact.jobId(),
                  fact.at())));
    }
    days.put(date.toEpochDay(), day);
  }

  /** Closes the window ending here, sends the running totals of the days it changed, drops days. */
  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<CxMetrics> out)
      throws Exception {
    String[] key = ctx.getCurrentKey().split("/", 2);
    String tenantId = key[0];
    String locationId = key[1];
    long windowStart = Measures.windowStart(timestamp);
    CxMeasures window = windows.get(windowStart);
    if (window != null) {
      windows.remove(windowStart);
      out.collect(
          CxMetrics.window(
              tenantId,
              locationId,
              Instant.ofEpochMilli(windowStart),
              Instant.ofEpochMilli(Measures.windowEnd(windowStart)),
              window));
    }
    List<Long> ended = new ArrayList<>();
    for (Map.Entry<Long, CxDay> entry : days.entries()) {
      CxDay day = entry.getValue();
      if (day.changed) {
        day.changed = false;
        out.collect(
            CxMetrics.day(
                tenantId, locationId, day.start, day.end, day.day, day.timeZone, day.measures));
        days.put(entry.getKey(), day);
      }
      if (day.end.toEpochMilli() - 1 <= timestamp) {
        ended.add(entry.getKey());
      }
    }
    for (Long day : ended) {
      days.remove(day);
    }
  }

  @Override
  public void processBroadcastElement(Rules rules, Context ctx, Collector<CxMetrics> out)
      throws Exception {
    BroadcastState<String, Rules> held = ctx.getBroadcastState(CxPipeline.RULES);
    if (rules.supersedes(held.get(rules.tenantId()))) {
      held.put(rules.tenantId(), rules);
    }
  }

  private static CxMetrics alert(CxFact fact, CxAlert alert) {
    return CxMetrics.alert(fact.tenantId(), fact.locationId(), alert);
  }

  private static Rules rulesOf(ReadOnlyBroadcastState<String, Rules> held, String tenantId)
      throws Exception {
    return TenantRules.of(held, tenantId);
  }
}
