package io.milepost.notifier.ops;

import io.milepost.schemas.CxKind;
import io.milepost.schemas.CxMeasures;
import io.milepost.schemas.CxMetrics;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * CX metrics in PostgreSQL ({@code cx_metrics}, {@code cx_alerts}), read for the console always
 * with the person's tenant in the query.
 */
@Repository
class CxMetricsStore {
  /** Every measure of one bucket of time, windows summed (maxima: the greatest). */
  record Point(Instant start, CxMeasures measures) {}

  record AlertRow(
      String locationId, String code, long threshold, long value, String jobId, Instant at) {}

  private final JdbcClient jdbc;

  CxMetricsStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Stores a poll. A window or day keeps the greatest of each measure (they only grow while it is
   * re-sent), an alert is kept once: a replayed record changes nothing.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  Void storeAll(List<CxMetrics> records) {
    for (CxMetrics record : records) {
      if (record.kind() == CxKind.ALERT) {
        storeAlert(record);
      } else {
        storeMeasures(record);
      }
    }
    return null;
  }

  private void storeMeasures(CxMetrics record) {
    CxMeasures m = record.measures() == null ? CxMeasures.NONE : record.measures();
    jdbc.sql(
            "INSERT INTO cx_metrics (tenant_id, location_id, kind, window_start, window_end, day,"
                + " time_zone, first_updates, first_update_seconds_total, first_update_seconds_max,"
                + " customer_updates, jobs_closed, updates_of_closed_jobs, longest_silence_seconds,"
                + " silences, overruns, promises_kept, promises_broken, dead_letters)"
                + " VALUES (:tenant, :location, :kind, :start, :end, :day, :zone, :fu, :fut, :fum,"
                + " :cu, :jc, :ucj, :ls, :si, :ov, :pk, :pb, :dl)"
                + " ON CONFLICT (tenant_id, location_id, kind, window_start) DO UPDATE SET"
                + " window_end = GREATEST(cx_metrics.window_end, EXCLUDED.window_end),"
                + " first_updates = GREATEST(cx_metrics.first_updates, EXCLUDED.first_updates),"
                + " first_update_seconds_total = GREATEST(cx_metrics.first_update_seconds_total,"
                + " EXCLUDED.first_update_seconds_total),"
                + " first_update_seconds_max = GREATEST(cx_metrics.first_update_seconds_max,"
                + " EXCLUDED.first_update_seconds_max),"
                + " customer_updates = GREATEST(cx_metrics.customer_updates,"
                + " EXCLUDED.customer_updates),"
                + " jobs_closed = GREATEST(cx_metrics.jobs_closed, EXCLUDED.jobs_closed),"
                + " updates_of_closed_jobs = GREATEST(cx_metrics.updates_of_closed_jobs,"
                + " EXCLUDED.updates_of_closed_jobs),"
                + " longest_silence_seconds = GREATEST(cx_metrics.longest_silence_seconds,"
                + " EXCLUDED.longest_silence_seconds),"
                + " silences = GREATEST(cx_metrics.silences, EXCLUDED.silences),"
                + " overruns = GREATEST(cx_metrics.overruns, EXCLUDED.overruns),"
                + " promises_kept = GREATEST(cx_metrics.promises_kept, EXCLUDED.promises_kept),"
                + " promises_broken = GREATEST(cx_metrics.promises_broken,"
                + " EXCLUDED.promises_broken),"
                + " dead_letters = GREATEST(cx_metrics.dead_letters, EXCLUDED.dead_letters)")
        .param("tenant", record.tenantId())
        .param("location", record.locationId())
        .param("kind", record.kind().name())
        .param("start", Timestamp.from(record.windowStart()))
        .param("end", Timestamp.from(record.windowEnd()))
        .param("day", record.day() == null ? null : Date.valueOf(LocalDate.parse(record.day())))
        .param("zone", record.timeZone())
        .param("fu", m.firstUpdates())
        .param("fut", m.firstUpdateSecondsTotal())
        .param("fum", m.firstUpdateSecondsMax())
        .param("cu", m.customerUpdates())
        .param("jc", m.jobsClosed())
        .param("ucj", m.updatesOfClosedJobs())
        .param("ls", m.longestSilenceSeconds())
        .param("si", m.silences())
        .param("ov", m.overruns())
        .param("pk", m.promisesKept())
        .param("pb", m.promisesBroken())
        .param("dl", m.deadLetters())
        .update();
  }

  private void storeAlert(CxMetrics record) {
    jdbc.sql(
            "INSERT INTO cx_alerts (tenant_id, location_id, code, threshold, value, job_id, at)"
                + " VALUES (:tenant, :location, :code, :threshold, :value, :job, :at)"
                + " ON CONFLICT (tenant_id, location_id, code, job_id, at) DO NOTHING")
        .param("tenant", record.tenantId())
        .param("location", record.locationId())
        .param("code", record.alert().code().name())
        .param("threshold", record.alert().threshold())
        .param("value", record.alert().value())
        .param("job", record.alert().jobId() == null ? "" : record.alert().jobId())
        .param("at", Timestamp.from(record.alert().at()))
        .update();
  }

  /** The tenant's locations that have any CX metrics or alerts. */
  List<String> locations(String tenantId) {
    return jdbc.sql(
            "SELECT location_id FROM cx_metrics WHERE tenant_id = :tenant"
                + " UNION SELECT location_id FROM cx_alerts WHERE tenant_id = :tenant"
                + " ORDER BY 1")
        .param("tenant", tenantId)
        .query(String.class)
        .list();
  }

  /**
   * The location's 1-minute windows in {@code [from, to)}, summed into buckets of {@code bucket}
   * (aligned to the Unix epoch), oldest first. Only buckets with a window are returned.
   */
  List<Point> series(
      String tenantId, String locationId, Instant from, Instant to, Duration bucket) {
    return jdbc.sql(
            "SELECT date_bin(CAST(:bucket AS interval), window_start, TIMESTAMPTZ 'epoch') AS b,"
                + " SUM(first_updates) fu, SUM(first_update_seconds_total) fut,"
                + " MAX(first_update_seconds_max) fum, SUM(customer_updates) cu,"
                + " SUM(jobs_closed) jc, SUM(updates_of_closed_jobs) ucj,"
                + " MAX(longest_silence_seconds) ls, SUM(silences) si, SUM(overruns) ov,"
                + " SUM(promises_kept) pk, SUM(promises_broken) pb, SUM(dead_letters) dl"
                + " FROM cx_metrics WHERE tenant_id = :tenant AND location_id = :location"
                + " AND kind = 'WINDOW' AND window_start >= :from AND window_start < :to"
                + " GROUP BY b ORDER BY b")
        .param("bucket", bucket.toSeconds() + " seconds")
        .param("tenant", tenantId)
        .param("location", locationId)
        .param("from", Timestamp.from(from))
        .param("to", Timestamp.from(to))
        .query(
            (row, n) ->
                new Point(
                    row.getTimestamp("b").toInstant(),
                    new CxMeasures(
                        row.getLong("fu"),
                        row.getLong("fut"),
                        row.getLong("fum"),
                        row.getLong("cu"),
                        row.getLong("jc"),
                        row.getLong("ucj"),
                        row.getLong("ls"),
                        row.getLong("si"),
                        row.getLong("ov"),
                        row.getLong("pk"),
                        row.getLong("pb"),
                        row.getLong("dl"))))
        .list();
  }

  /** A location's latest local day: its running totals so far. */
  record Day(String day, String timeZone, CxMeasures measures) {}

  /** The location's latest day, if the stream job reported any. */
  java.util.Optional<Day> latestDay(String tenantId, String locationId) {
    return jdbc.sql(
            "SELECT day::text AS day, time_zone, first_updates, first_update_seconds_total,"
                + " first_update_seconds_max, customer_updates, jobs_closed, updates_of_closed_jobs,"
                + " longest_silence_seconds, silences, overruns, promises_kept, promises_broken,"
                + " dead_letters FROM cx_metrics WHERE tenant_id = :tenant"
                + " AND location_id = :location AND kind = 'DAY' ORDER BY window_start DESC LIMIT 1")
        .param("tenant", tenantId)
        .param("location", locationId)
        .query(
            (row, n) ->
                new Day(
                    row.getString("day"),
                    row.getString("time_zone"),
                    new CxMeasures(
                        row.getLong("first_updates"),
                        row.getLong("first_update_seconds_total"),
                        row.getLong("first_update_seconds_max"),
                        row.getLong("customer_updates"),
                        row.getLong("jobs_closed"),
                        row.getLong("updates_of_closed_jobs"),
                        row.getLong("longest_silence_seconds"),
                        row.getLong("silences"),
                        row.getLong("overruns"),
                        row.getLong("promises_kept"),
                        row.getLong("promises_broken"),
                        row.getLong("dead_letters"))))
        .optional();
  }

  /** The tenant's latest CX alerts, newest first; of one location when it is given. */
  List<AlertRow> alerts(String tenantId, String locationId, int limit) {
    return jdbc.sql(
            "SELECT location_id, code, threshold, value, job_id, at FROM cx_alerts"
                + " WHERE tenant_id = :tenant AND (CAST(:location AS text) IS NULL"
                + " OR location_id = :location) ORDER BY at DESC, id DESC LIMIT :limit")
        .param("tenant", tenantId)
        .param("location", locationId)
        .param("limit", limit)
        .query(
            (row, n) ->
                new AlertRow(
                    row.getString("location_id"),
                    row.getString("code"),
                    row.getLong("threshold"),
                    row.getLong("value"),
                    row.getString("job_id"),
                    row.getTimestamp("at").toInstant()))
        .list();
  }

  /**
   * Delivery outcomes of the tenant's texts to jobs of the location, by bucket of their creation:
   * delivered, and failed or undelivered (final outcomes only; texts on their way are neither).
   */
  List<Delivery> deliveries(
      String tenantId, String locationId, Instant from, Instant to, Duration bucket) {
    return jdbc.sql(
            "SELECT date_bin(CAST(:bucket AS interval), n.created_at, TIMESTAMPTZ 'epoch') AS b,"
                + " COUNT(*) FILTER (WHERE n.status = 'DELIVERED') AS delivered,"
                + " COUNT(*) FILTER (WHERE n.status IN ('FAILED', 'UNDELIVERED')) AS failed"
                + " FROM notifications n WHERE n.tenant_id = :tenant AND n.job_id IN"
                + " (SELECT job_id FROM jobs WHERE tenant_id = :tenant AND location_id = :location)"
                + " AND n.created_at >= :from AND n.created_at < :to"
                + " GROUP BY b ORDER BY b")
        .param("bucket", bucket.toSeconds() + " seconds")
        .param("tenant", tenantId)
        .param("location", locationId)
        .param("from", Timestamp.from(from))
        .param("to", Timestamp.from(to))
        .query(
            (row, n) ->
                new Delivery(
                    row.getTimestamp("b").toInstant(),
                    row.getLong("delivered"),
                    row.getLong("failed")))
        .list();
  }

  record Delivery(Instant start, long delivered, long failed) {}
}
