package io.milepost.notifier.job;

import io.milepost.notifier.Timestamps;
import io.milepost.schemas.Alert;
import io.milepost.schemas.BoardUpdate;
import io.milepost.schemas.JobKey;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Reason;
import io.milepost.schemas.Stage;
import io.milepost.schemas.TimelineEntry;
import io.milepost.schemas.WireCodec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.core.type.TypeReference;

/**
 * Job instances and their tracking tokens. Both Kafka listeners write here and may race on a new
 * job or a new instance; each message first locks the row of its job id's current instance (see
 * {@link #lockInstance}), so they decide one after the other. Before that, a lock per job id is
 * taken in one fixed order ({@link #lockKeys}), so the board poll that locks many rows at once
 * ({@link #applyAll}) and the intent poll that goes job by job wait for each other instead of
 * deadlocking.
 */
@Repository
public class JobRepository {
  private static final TypeReference<List<TimelineEntry>> TIMELINE = new TypeReference<>() {};
  private static final TypeReference<List<Alert>> ALERTS = new TypeReference<>() {};
  private static final String COLUMNS =
      "tenant_id, job_id, instance, location_id, journey, stage, version, timeline, eta_at,"
          + " promised_at, note, tracking_token, updated_at, eta_reason, alerts";
  private static final String QUALIFIED_COLUMNS =
      "jobs.tenant_id, jobs.job_id, jobs.instance, jobs.location_id, jobs.journey, jobs.stage,"
          + " jobs.version, jobs.timeline, jobs.eta_at, jobs.promised_at, jobs.note,"
          + " jobs.tracking_token, jobs.updated_at, jobs.eta_reason, jobs.alerts";
  // The first key of the two-key advisory locks taken on job ids (see lockKeys): no other lock in
  // the database uses it.
  private static final int KEY_LOCK_SPACE = 0x4a4f4253; // "JOBS"
  // The job ids whose advisory lock the current transaction holds.
  private static final Object HELD_KEYS = new Object();
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
    lockKeys(List.of(JobKey.of(message.tenantId(), message.jobId())));
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
            adopt(job.tenantId(), job.jobId(), job.instance(), message.instance());
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
    return applyAll(List.of(update)).get(0);
  }

  /**
   * {@link #apply} for a poll's worth of updates in a few statements instead of two or more per
   * update, so a busy listener waits on fewer PostgreSQL round trips: the poll's job ids are locked
   * (see {@link #lockKeys}), then each round takes at most one update per job id and locks the
   * current instances' rows in one {@code SELECT ... FOR UPDATE}, decides each update with {@link
   * InstanceRule} in Java, creates the new instances in one insert and stores the newer updates in
   * one {@code UPDATE ... FROM unnest(...) RETURNING}. A job id's second update in the list goes in
   * the next round, so the outcome is that of calling {@link #apply} for each update in order.
   *
   * @return per update, in the same order: the job instance as stored after it, or empty when it
   *     was older (or about an earlier instance) and dropped — what {@link #apply} returns for it
   */
  @Transactional
  public List<Optional<Job>> applyAll(List<BoardUpdate> updates) {
    List<Optional<Job>> results = new ArrayList<>(Collections.nCopies(updates.size(), null));
    if (updates.isEmpty()) {
      return results;
    }
    lockKeys(updates.stream().map(BoardUpdate::key).toList());
    Map<String, List<Integer>> byKey = new LinkedHashMap<>();
    for (int i = 0; i < updates.size(); i++) {
      byKey.computeIfAbsent(updates.get(i).key(), key -> new ArrayList<>()).add(i);
    }
    for (int round = 0; ; round++) {
      List<Integer> pending = new ArrayList<>();
      for (List<Integer> ofJob : byKey.values()) {
        if (round < ofJob.size()) {
          pending.add(ofJob.get(round));
        }
      }
      if (pending.isEmpty()) {
        return results;
      }
      applyRound(updates, pending, results);
    }
  }

  /** At most one update per job id: decided together, written in two or three statements. */
  private void applyRound(
      List<BoardUpdate> updates, List<Integer> pending, List<Optional<Job>> out) {
    List<Integer> unsettled = pending;
    for (int tries = 0; tries < MAX_TRIES && !unsettled.isEmpty(); tries++) {
      List<BoardUpdate> round = unsettled.stream().map(updates::get).toList();
      Map<String, Locked> locked = lockLatestAll(round);
      Set<String> moved = laterInstanceAppeared(locked);
      List<Integer> retry = new ArrayList<>();
      List<Integer> create = new ArrayList<>();
      List<Long> createAs = new ArrayList<>();
      List<Integer> store = new ArrayList<>();
      List<Long> storeInto = new ArrayList<>();
      List<Integer> adoptOnly = new ArrayList<>();
      List<Long> adoptInto = new ArrayList<>();
      for (int i : unsettled) {
        BoardUpdate update = updates.get(i);
        if (moved.contains(update.key())) {
          retry.add(i);
          continue;
        }
        Locked current = locked.get(update.key());
        InstanceRule.Verdict verdict =
            InstanceRule.decide(
                current == null ? null : current.rule(), update.instance(), update.occurredAt());
        switch (verdict) {
          case EARLIER -> out.set(i, Optional.empty());
          case NEW -> {
            long instance = current == null ? 1L : current.job().instance() + 1;
            create.add(i);
            createAs.add(instance);
            if (update.version() > 0) {
              store.add(i);
              storeInto.add(instance);
            } else {
              out.set(i, Optional.empty());
            }
          }
          case CURRENT -> {
            long instance = current.job().instance();
            if (update.version() > current.job().version()) {
              store.add(i);
              storeInto.add(instance);
            } else {
              out.set(i, Optional.empty());
              if (update.instance() != null
                  && !Objects.equals(update.instance(), current.rule().wireInstance())) {
                adoptOnly.add(i);
                adoptInto.add(instance);
              }
            }
          }
        }
      }
      Set<String> lost = insertInstances(updates, create, createAs);
      if (!lost.isEmpty()) {
        // Someone else created one of these instances while we decided: decide those again.
        for (int j = 0; j < create.size(); j++) {
          if (lost.contains(updates.get(create.get(j)).key())) {
            retry.add(create.get(j));
          }
        }
        for (int j = store.size() - 1; j >= 0; j--) {
          if (lost.contains(updates.get(store.get(j)).key())) {
            store.remove(j);
            storeInto.remove(j);
          }
        }
      }
      for (int j = 0; j < adoptOnly.size(); j++) {
        BoardUpdate update = updates.get(adoptOnly.get(j));
        adopt(update.tenantId(), update.jobId(), adoptInto.get(j), update.instance());
      }
      Map<String, Job> stored = storeNewer(updates, store, storeInto);
      for (int i : store) {
        out.set(i, Optional.ofNullable(stored.get(updates.get(i).key())));
      }
      unsettled = retry;
    }
    if (!unsettled.isEmpty()) {
      BoardUpdate update = updates.get(unsettled.get(0));
      throw new IllegalStateException(
          "could not settle the instance of job " + update.tenantId() + "/" + update.jobId());
    }
  }

  /**
   * Takes, for the rest of the transaction, a lock per job id named in {@code keys}: a
   * transaction-scoped advisory lock, in ascending {@link #lockOrder}. Whoever writes a job id's
   * instances holds its lock first ({@link #lockInstance} takes it), and every transaction takes
   * its locks in that one ascending order: a board poll all at once ({@link #applyAll}), the intent
   * listener one job after the other as it goes through its poll sorted by {@link #lockOrder}. So
   * the board poll that locks many rows at once and an intent poll that creates a new job among
   * them wait for each other instead of deadlocking. Locks already held in this transaction are not
   * asked for again.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void lockKeys(Collection<String> keys) {
    Set<String> held = heldKeys();
    SortedSet<Integer> numbers = new TreeSet<>();
    for (String key : keys) {
      if (held.add(key)) {
        numbers.add(lockOrder(key));
      }
    }
    if (numbers.isEmpty()) {
      return;
    }
    // Two keys with one number share a lock: harmless, both sides sort by the number.
    jdbc.sql(
            "SELECT count(*) FROM (SELECT pg_advisory_xact_lock(?, n) FROM"
                + " unnest(CAST(? AS int[])) WITH ORDINALITY AS k(n, o) ORDER BY o) AS locked")
        .params(KEY_LOCK_SPACE, numbers.toArray(Integer[]::new))
        .query(Long.class)
        .single();
  }

  /** Where a job id's lock comes in the one order all locks are taken in; see {@link #lockKeys}. */
  public static int lockOrder(String key) {
    return key.hashCode();
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
        .query(JobRepository::mapLocked)
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

  private void adopt(String tenantId, String jobId, long instance, long wireInstance) {
    jdbc.sql(
            "UPDATE jobs SET wire_instance = :wire WHERE tenant_id = :tenant AND job_id = :job"
                + " AND instance = :instance")
        .param("tenant", tenantId)
        .param("job", jobId)
        .param("instance", instance)
        .param("wire", wireInstance)
        .update();
  }

  /** The current instances' rows of these updates' job ids, locked, by key. */
  private Map<String, Locked> lockLatestAll(List<BoardUpdate> round) {
    Map<String, Locked> locked = new HashMap<>();
    jdbc.sql(
            "SELECT "
                + COLUMNS
                + ", wire_instance, closed_at, (SELECT p.closed_at FROM jobs p"
                + " WHERE p.tenant_id = j.tenant_id AND p.job_id = j.job_id"
                + " AND p.instance = j.instance - 1) AS previous_closed_at"
                + " FROM jobs j WHERE (tenant_id, job_id) IN"
                + " (SELECT * FROM unnest(CAST(? AS text[]), CAST(? AS text[])))"
                + " AND NOT EXISTS (SELECT 1 FROM jobs n WHERE n.tenant_id = j.tenant_id"
                + " AND n.job_id = j.job_id AND n.instance > j.instance)"
                + " ORDER BY tenant_id, job_id FOR UPDATE OF j")
        .params(
            round.stream().map(BoardUpdate::tenantId).toArray(String[]::new),
            round.stream().map(BoardUpdate::jobId).toArray(String[]::new))
        .query(JobRepository::mapLocked)
        .list()
        .forEach(each -> locked.put(JobKey.of(each.job().tenantId(), each.job().jobId()), each));
    return locked;
  }

  /**
   * The job ids whose locked row, closed, is no longer their latest instance: another transaction
   * created the next one while we waited for the lock (our statement's snapshot could not see it).
   */
  private Set<String> laterInstanceAppeared(Map<String, Locked> locked) {
    List<Locked> closed = locked.values().stream().filter(l -> l.rule().closed()).toList();
    if (closed.isEmpty()) {
      return Set.of();
    }
    Set<String> moved = new HashSet<>();
    jdbc.sql(
            "SELECT j.tenant_id, j.job_id FROM unnest(CAST(? AS text[]), CAST(? AS text[]),"
                + " CAST(? AS bigint[])) AS l(tenant_id, job_id, instance)"
                + " JOIN jobs j ON j.tenant_id = l.tenant_id AND j.job_id = l.job_id"
                + " AND j.instance > l.instance")
        .params(
            closed.stream().map(l -> l.job().tenantId()).toArray(String[]::new),
            closed.stream().map(l -> l.job().jobId()).toArray(String[]::new),
            closed.stream().map(l -> l.job().instance()).toArray(Long[]::new))
        .query((row, n) -> JobKey.of(row.getString("tenant_id"), row.getString("job_id")))
        .list()
        .forEach(moved::add);
    return moved;
  }

  /**
   * New instances at version 0, in key order, each with a fresh token; see {@link #insertInstance}.
   *
   * @return the keys whose instance someone else created first
   */
  private Set<String> insertInstances(
      List<BoardUpdate> updates, List<Integer> create, List<Long> instances) {
    if (create.isEmpty()) {
      return Set.of();
    }
    int n = create.size();
    String[] tenant = new String[n];
    String[] job = new String[n];
    Long[] instance = new Long[n];
    Long[] wire = new Long[n];
    String[] location = new String[n];
    String[] journey = new String[n];
    String[] stage = new String[n];
    String[] token = new String[n];
    for (int j = 0; j < n; j++) {
      BoardUpdate update = updates.get(create.get(j));
      tenants.ensure(update.tenantId());
      tenant[j] = update.tenantId();
      job[j] = update.jobId();
      instance[j] = instances.get(j);
      wire[j] = update.instance();
      location[j] = update.locationId();
      journey[j] = update.journey().wireName();
      stage[j] = update.stage().name();
      token[j] = TrackingTokens.next();
    }
    Set<String> lost = new HashSet<>();
    for (int j = 0; j < n; j++) {
      lost.add(JobKey.of(tenant[j], job[j]));
    }
    jdbc.sql(
            "INSERT INTO jobs (tenant_id, job_id, instance, wire_instance, location_id, journey,"
                + " stage, version, tracking_token) SELECT tenant_id, job_id, instance, wire,"
                + " location_id, journey, stage, 0, token FROM unnest(CAST(? AS text[]),"
                + " CAST(? AS text[]), CAST(? AS bigint[]), CAST(? AS bigint[]), CAST(? AS text[]),"
                + " CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[])) AS u(tenant_id, job_id,"
                + " instance, wire, location_id, journey, stage, token)"
                + " ORDER BY tenant_id, job_id"
                + " ON CONFLICT (tenant_id, job_id, instance) DO NOTHING RETURNING tenant_id, job_id")
        .params(tenant, job, instance, wire, location, journey, stage, token)
        .query((row, i) -> JobKey.of(row.getString("tenant_id"), row.getString("job_id")))
        .list()
        .forEach(lost::remove);
    return lost;
  }

  /**
   * Stores each update in its instance where it is newer than what is stored (checked again here,
   * under the row locks) and adopts the engine's instance number it carries.
   *
   * @return the instances as stored now, by key
   */
  private Map<String, Job> storeNewer(
      List<BoardUpdate> updates, List<Integer> store, List<Long> instances) {
    Map<String, Job> stored = new HashMap<>();
    if (store.isEmpty()) {
      return stored;
    }
    int n = store.size();
    String[] tenant = new String[n];
    String[] job = new String[n];
    Long[] instance = new Long[n];
    Long[] wire = new Long[n];
    String[] location = new String[n];
    String[] journey = new String[n];
    String[] stage = new String[n];
    Long[] version = new Long[n];
    String[] timeline = new String[n];
    String[] eta = new String[n];
    String[] promised = new String[n];
    String[] note = new String[n];
    Boolean[] terminal = new Boolean[n];
    String[] occurred = new String[n];
    String[] etaReason = new String[n];
    String[] alerts = new String[n];
    for (int j = 0; j < n; j++) {
      BoardUpdate update = updates.get(store.get(j));
      tenant[j] = update.tenantId();
      job[j] = update.jobId();
      instance[j] = instances.get(j);
      wire[j] = update.instance();
      location[j] = update.locationId();
      journey[j] = update.journey().wireName();
      stage[j] = update.stage().name();
      version[j] = update.version();
      timeline[j] = WireCodec.MAPPER.writeValueAsString(update.timeline());
      eta[j] = text(update.etaAt());
      promised[j] = text(update.promisedAt());
      note[j] = update.note();
      terminal[j] = update.stage().terminal();
      occurred[j] = text(update.occurredAt());
      etaReason[j] =
          update.etaReason() == null
              ? null
              : WireCodec.MAPPER.writeValueAsString(update.etaReason());
      alerts[j] = WireCodec.MAPPER.writeValueAsString(update.alerts());
    }
    jdbc.sql(
            "UPDATE jobs SET location_id = u.location_id, journey = u.journey, stage = u.stage,"
                + " version = u.version, timeline = CAST(u.timeline AS jsonb),"
                + " eta_at = CAST(u.eta_at AS timestamptz),"
                + " promised_at = CAST(u.promised_at AS timestamptz), note = u.note,"
                + " eta_reason = CAST(u.eta_reason AS jsonb), alerts = CAST(u.alerts AS jsonb),"
                + " wire_instance = COALESCE(u.wire, jobs.wire_instance), updated_at = now(),"
                + " closed_at = CASE WHEN u.terminal"
                + " THEN COALESCE(jobs.closed_at, CAST(u.occurred_at AS timestamptz))"
                + " ELSE jobs.closed_at END"
                + " FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS bigint[]),"
                + " CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),"
                + " CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),"
                + " CAST(? AS text[]), CAST(? AS boolean[]), CAST(? AS text[]), CAST(? AS text[]),"
                + " CAST(? AS text[])) AS u(tenant_id, job_id, instance, wire, location_id,"
                + " journey, stage, version, timeline, eta_at, promised_at, note, terminal,"
                + " occurred_at, eta_reason, alerts)"
                + " WHERE jobs.tenant_id = u.tenant_id AND jobs.job_id = u.job_id"
                + " AND jobs.instance = u.instance AND jobs.version < u.version RETURNING "
                + QUALIFIED_COLUMNS)
        .params(
            tenant, job, instance, wire, location, journey, stage, version, timeline, eta, promised,
            note, terminal, occurred, etaReason, alerts)
        .query(JobRepository::map)
        .list()
        .forEach(each -> stored.put(JobKey.of(each.tenantId(), each.jobId()), each));
    return stored;
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  @SuppressWarnings("unchecked")
  private static Set<String> heldKeys() {
    Set<String> held = (Set<String>) TransactionSynchronizationManager.getResource(HELD_KEYS);
    if (held == null) {
      Set<String> fresh = new HashSet<>();
      TransactionSynchronizationManager.bindResource(HELD_KEYS, fresh);
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
              TransactionSynchronizationManager.unbindResourceIfPossible(HELD_KEYS);
            }
          });
      held = fresh;
    }
    return held;
  }

  private record Locked(Job job, InstanceRule.Current rule) {}

  private static Locked mapLocked(ResultSet row, int rowNum) throws SQLException {
    return new Locked(
        map(row, rowNum),
        new InstanceRule.Current(
            row.getObject("wire_instance", Long.class),
            Timestamps.read(row, "closed_at"),
            Timestamps.read(row, "previous_closed_at")));
  }

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
        Timestamps.read(row, "updated_at"),
        row.getString("eta_reason") == null
            ? null
            : WireCodec.MAPPER.readValue(row.getString("eta_reason"), Reason.class),
        WireCodec.MAPPER.readValue(row.getString("alerts"), ALERTS));
  }
}
