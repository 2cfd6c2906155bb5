package io.milepost.notifier.job;

import io.milepost.notifier.Timestamps;
import io.milepost.schemas.BoardUpdate;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Stage;
import io.milepost.schemas.TimelineEntry;
import io.milepost.schemas.WireCodec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;

/**
 * Job instances and their tracking tokens. Both Kafka listeners write here and may race on a new
 * job or a new instance; each message first locks the row of its job id's current instance (see
 * {@link #lockInstance}), so they decide one after the other.
 */
@Repository
public class JobRepository {
  private static final TypeReference<List<TimelineEntry>> TIMELINE = new TypeReference<>() {};
  private static final String COLUMNS =
      "tenant_id, job_id, instance, location_id, journey, stage, version, timeline, eta_at,"
          + " promised_at, note, tracking_token, updated_at";
  // Creating an instance needs the lock again; a loop that never settles is a bug, not load.
  private static final int MAX_TRIES = 5;

  private final JdbcClient jdbc;
  private final Tenants tenants;

  JobRepository(JdbcClient jdbc, Tenants tenants) {
    this.jdbc = jdbc;
    this.tenants = tenants;
  }

  /**
   * Finds the instance a message is about and locks its row until the caller's transaction ends,
   * creating the job id's first or next instance (with a fresh tracking token) when the message
   * starts one. See {@link InstanceRule} for the decision.
   *
   * @return the instance, locked; empty when the message is old news of an earlier, closed instance
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Optional<Job> lockInstance(JobMessage message) {
    for (int tries = 0; tries < MAX_TRIES; tries++) {
      Optional<Locked> locked = lockLatest(message.tenantId(), message.jobId());
      if (locked.isPresent()
          && locked.get().rule().closed()
          && latestInstance(message.tenantId(), message.jobId()) != locked.get().job().instance()) {
        // A closed instance was the latest when we asked, but someone created the next one while
        // we waited for its lock: lock that one instead. (An open instance is always the latest:
        // only a closed one can have a successor, and nothing reopens an instance.)
        continue;
      }
      InstanceRule.Verdict verdict =
          InstanceRule.decide(
              locked.map(Locked::rule).orElse(null), message.instance(), message.occurredAt());
      switch (verdict) {
        case EARLIER -> {
          return Optional.empty();
        }
        case NEW -> insertInstance(message, locked.map(l -> l.job().instance() + 1).orElse(1L));
        case CURRENT -> {
          Job job = locked.orElseThrow().job();
          if (message.instance() != null
              && !Objects.equals(message.instance(), locked.get().rule().wireInstance())) {
            // The engine numbers this instance anew (it lost its state): remember the number it
            // uses now, so its next messages match at once.
            adopt(job, message.instance());
          }
          return Optional.of(job);
        }
      }
    }
    throw new IllegalStateException(
        "could not settle the instance of job " + message.tenantId() + "/" + message.jobId());
  }

  /** The instance reached a terminal stage at {@code at}; only a message after it starts anew. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void close(Job job, Instant at) {
    jdbc.sql(
            "UPDATE jobs SET closed_at = :at WHERE tenant_id = :tenant AND job_id = :job"
                + " AND instance = :instance AND closed_at IS NULL")
        .param("tenant", job.tenantId())
        .param("job", job.jobId())
        .param("instance", job.instance())
        .param("at", Timestamps.of(at))
        .update();
  }

  /**
   * Stores a board update if it is newer than what its instance holds. A new instance's first
   * update always wins (its row starts at version 0); an update about an earlier, closed instance
   * is dropped, so the new customer's page never shows the old job.
   *
   * @return the job instance as stored now, or empty when the update was older and dropped
   */
  @Transactional
  public Optional<Job> apply(BoardUpdate update) {
    Optional<Job> instance = lockInstance(JobMessage.of(update));
    if (instance.isEmpty()) {
      return Optional.empty();
    }
    return jdbc.sql(
            "UPDATE jobs SET location_id = :location, journey = :journey, stage = :stage,"
                + " version = :version, timeline = CAST(:timeline AS jsonb), eta_at = :eta,"
                + " promised_at = :promised, note = :note, updated_at = now(),"
                + " closed_at = CASE WHEN :terminal THEN COALESCE(closed_at, :occurred)"
                + " ELSE closed_at END"
                + " WHERE tenant_id = :tenant AND job_id = :job AND instance = :instance"
                + " AND version < :version RETURNING "
                + COLUMNS)
        .param("tenant", update.tenantId())
        .param("job", update.jobId())
        .param("instance", instance.get().instance())
        .param("location", update.locationId())
        .param("journey", update.journey().wireName())
        .param("stage", update.stage().name())
        .param("version", update.version())
        .param("timeline", WireCodec.MAPPER.writeValueAsString(update.timeline()))
        .param("eta", Timestamps.of(update.etaAt()))
        .param("promised", Timestamps.of(update.promisedAt()))
        .param("note", update.note())
        .param("terminal", update.stage().terminal())
        .param("occurred", Timestamps.of(update.occurredAt()))
        .query(JobRepository::map)
        .optional();
  }

  /** The job id's current (latest) instance. */
  public Optional<Job> find(String tenantId, String jobId) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM jobs WHERE tenant_id = :tenant AND job_id = :job"
                + " ORDER BY instance DESC LIMIT 1")
        .param("tenant", tenantId)
        .param("job", jobId)
        .query(JobRepository::map)
        .optional();
  }

  /** The instance a tracking link belongs to: an old link keeps showing its own, closed job. */
  public Optional<Job> findByToken(String token) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM jobs WHERE tracking_token = :token")
        .param("token", token)
        .query(JobRepository::map)
        .optional();
  }

  /** The tenant's jobs, each job id by its current instance, most recently updated first. */
  public List<Job> findByTenant(String tenantId, int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM jobs j WHERE tenant_id = :tenant AND NOT EXISTS (SELECT 1 FROM jobs n"
                + " WHERE n.tenant_id = j.tenant_id AND n.job_id = j.job_id"
                + " AND n.instance > j.instance)"
                + " ORDER BY updated_at DESC, job_id LIMIT :limit")
        .param("tenant", tenantId)
        .param("limit", limit)
        .query(JobRepository::map)
        .list();
  }

  /** The current instance's row, locked, with what {@link InstanceRule} needs. */
  private Optional<Locked> lockLatest(String tenantId, String jobId) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + ", wire_instance, closed_at, (SELECT p.closed_at FROM jobs p"
                + " WHERE p.tenant_id = j.tenant_id AND p.job_id = j.job_id"
                + " AND p.instance = j.instance - 1) AS previous_closed_at"
                + " FROM jobs j WHERE tenant_id = :tenant AND job_id = :job"
                + " ORDER BY instance DESC LIMIT 1 FOR UPDATE OF j")
        .param("tenant", tenantId)
        .param("job", jobId)
        .query(
            (row, n) ->
                new Locked(
                    map(row, n),
                    new InstanceRule.Current(
                        row.getObject("wire_instance", Long.class),
                        Timestamps.read(row, "closed_at"),
                        Timestamps.read(row, "previous_closed_at"))))
        .optional();
  }

  private long latestInstance(String tenantId, String jobId) {
    return jdbc.sql("SELECT max(instance) FROM jobs WHERE tenant_id = :tenant AND job_id = :job")
        .param("tenant", tenantId)
        .param("job", jobId)
        .query(Long.class)
        .single();
  }

  /**
   * Version 0, so the instance's first board update always replaces what is stored here. Two
   * listeners may see a new job at once: the insert that loses the race does nothing, and both then
   * lock the one row that won, with its one token.
   */
  private void insertInstance(JobMessage message, long instance) {
    tenants.ensure(message.tenantId());
    jdbc.sql(
            "INSERT INTO jobs (tenant_id, job_id, instance, wire_instance, location_id, journey,"
                + " stage, version, tracking_token) VALUES (:tenant, :job, :instance, :wire,"
                + " :location, :journey, :stage, 0, :token)"
                + " ON CONFLICT (tenant_id, job_id, instance) DO NOTHING")
        .param("tenant", message.tenantId())
        .param("job", message.jobId())
        .param("instance", instance)
        .param("wire", message.instance())
        .param("location", message.locationId())
        .param("journey", message.journey().wireName())
        .param("stage", message.stage().name())
        .param("token", TrackingTokens.next())
        .update();
  }

  private void adopt(Job job, long wireInstance) {
    jdbc.sql(
            "UPDATE jobs SET wire_instance = :wire WHERE tenant_id = :tenant AND job_id = :job"
                + " AND instance = :instance")
        .param("tenant", job.tenantId())
        .param("job", job.jobId())
        .param("instance", job.instance())
        .param("wire", wireInstance)
        .update();
  }

  private record Locked(Job job, InstanceRule.Current rule) {}

  private static Job map(ResultSet row, int rowNum) throws SQLException {
    return new Job(
        row.getString("tenant_id"),
        row.getString("job_id"),
        row.getLong("instance"),
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
