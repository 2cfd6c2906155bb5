package io.milepost.notifier.job;

import io.milepost.notifier.Timestamps;
import io.milepost.schemas.BoardUpdate;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Stage;
import io.milepost.schemas.TimelineEntry;
import io.milepost.schemas.WireCodec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

/** Jobs and their tracking tokens. Both Kafka listeners write here and may race on a new job. */
@Repository
public class JobRepository {
  private static final TypeReference<List<TimelineEntry>> TIMELINE = new TypeReference<>() {};
  private static final String COLUMNS =
      "tenant_id, job_id, location_id, journey, stage, version, timeline, eta_at, promised_at,"
          + " note, tracking_token, updated_at";

  private final JdbcClient jdbc;
  private final Tenants tenants;

  JobRepository(JdbcClient jdbc, Tenants tenants) {
    this.jdbc = jdbc;
    this.tenants = tenants;
  }

  /**
   * Creates the job with a fresh tracking token unless it exists. Version 0, so the first board
   * update always replaces what is stored here. Insert-then-read instead of read-then-insert: two
   * listeners may see a new job at once, and only one token may win.
   */
  public Job ensureExists(
      String tenantId, String jobId, String locationId, Journey journey, Stage stage) {
    tenants.ensure(tenantId);
    jdbc.sql(
            "INSERT INTO jobs (tenant_id, job_id, location_id, journey, stage, version,"
                + " tracking_token) VALUES (:tenant, :job, :location, :journey, :stage, 0, :token)"
                + " ON CONFLICT (tenant_id, job_id) DO NOTHING")
        .param("tenant", tenantId)
        .param("job", jobId)
        .param("location", locationId)
        .param("journey", journey.wireName())
        .param("stage", stage.name())
        .param("token", TrackingTokens.next())
        .update();
    return find(tenantId, jobId).orElseThrow();
  }

  /**
   * Stores a board update if it is newer than what is stored.
   *
   * @return the job as stored now, or empty when the update was older and dropped
   */
  public Optional<Job> apply(BoardUpdate update) {
    ensureExists(
        update.tenantId(), update.jobId(), update.locationId(), update.journey(), update.stage());
    int changed =
        jdbc.sql(
                "UPDATE jobs SET location_id = :location, journey = :journey, stage = :stage,"
                    + " version = :version, timeline = CAST(:timeline AS jsonb), eta_at = :eta,"
                    + " promised_at = :promised, note = :note, updated_at = now()"
                    + " WHERE tenant_id = :tenant AND job_id = :job AND version < :version")
            .param("tenant", update.tenantId())
            .param("job", update.jobId())
            .param("location", update.locationId())
            .param("journey", update.journey().wireName())
            .param("stage", update.stage().name())
            .param("version", update.version())
            .param("timeline", WireCodec.MAPPER.writeValueAsString(update.timeline()))
            .param("eta", Timestamps.of(update.etaAt()))
            .param("promised", Timestamps.of(update.promisedAt()))
            .param("note", update.note())
            .update();
    return changed == 0 ? Optional.empty() : find(update.tenantId(), update.jobId());
  }

  public Optional<Job> find(String tenantId, String jobId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM jobs WHERE tenant_id = :tenant AND job_id = :job")
        .param("tenant", tenantId)
        .param("job", jobId)
        .query(JobRepository::map)
        .optional();
  }

  public Optional<Job> findByToken(String token) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM jobs WHERE tracking_token = :token")
        .param("token", token)
        .query(JobRepository::map)
        .optional();
  }

  public List<Job> findByTenant(String tenantId, int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM jobs WHERE tenant_id = :tenant ORDER BY updated_at DESC, job_id"
                + " LIMIT :limit")
        .param("tenant", tenantId)
        .param("limit", limit)
        .query(JobRepository::map)
        .list();
  }

  private static Job map(ResultSet row, int rowNum) throws SQLException {
    return new Job(
        row.getString("tenant_id"),
        row.getString("job_id"),
        row.getString("location_id"),
        Journey.fromWireName(row.getString("journey")),
        Stage.valueOf(row.getString("stage")),
        row.getLong("version"),
        WireCodec.MAPPER.readValue(row.getString("timeline"), TIMELINE),
        Timestamps.read(row, "eta_at"),
        Timestamps.read(row, "promised_at"),
        row.getString("note"),
        row.getString("tracking_token"),
        Timestamps.read(row, "updated_at"));
  }
}
