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
import java.util.Comparator;
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
import org.springframework.dao.ConcurrencyFailureException;
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
 * {@link #lockInstances}), so they decide one after the other. Before that, a lock per job id is
 * taken in one fixed order ({@link #lockKeys}), so a board poll ({@link #applyAll}) and an intent
 * poll ({@link #lockInstances}), each locking many rows at once, wait for each other instead of
 * deadlocking.
 */
@Repository
public class JobRepository {
  private static final TypeReference<List<TimelineEntry>> TIMELINE = new TypeReference<>() {};
  private static final TypeReference<List<Alert>> ALERTS = new TypeReference<>() {};
  private static final String COLUMNS =
      "tenant_id, job_id, instance, location_id, journey, stage, version, timeline, eta_at,"
          + " promised_at, note, tracking_token, updated_at, eta_reason, alerts";
  private static final String J_COLUMNS =
      "j.tenant_id, j.job_id, j.instance, j.location_id, j.journey, j.stage, j.version,"
          + " j.timeline, j.eta_at, j.promised_at, j.note, j.tracking_token, j.updated_at,"
          + " j.eta_reason, j.alerts";
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
   * Finds the instance a message is about and locks its row until the caller's transaction ends:
   * {@link #lockInstances} of one message.
   *
   * @return the instance, locked; empty when the message is old news of an earlier, closed instance
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Optional<Job> lockInstance(JobMessage message) {
    return lockInstances(List.of(message)).get(0);
  }

  /**
   * For each message, in order, the job instance it is about, its row locked until the caller's
   * transaction ends. A message that starts the job id's first or next instance creates it (with a
   * fresh tracking token); one about the current instance that carries another engine number makes
   * it adopt that number; one with a terminal stage closes the instance it reached at its {@code
   * occurredAt} (the first close stays). So a later message of the same job id in the list is
   * decided against what the earlier ones left, as it would be in a later transaction. See {@link
   * InstanceRule} for the decision.
   *
   * <p>In a few statements whatever the number of messages: the job ids' locks ({@link #lockKeys}),
   * the current instances' rows in one {@code SELECT ... FOR UPDATE}, the decisions in Java, the
   * new instances in one insert, adopted numbers and closes in one update.
   *
   * @return per message, in the same order: the instance, locked; empty when the message is old
   *     news of an earlier, closed instance
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public List<Optional<Job>> lockInstances(List<JobMessage> messages) {
    if (messages.isEmpty()) {
      return List.of();
    }
    lockKeys(messages.stream().map(JobMessage::key).toList());
    Map<String, Locked> locked = lockCurrent(messages);
    // What each job id's current instance is, as the messages so far left it.
    Map<String, Settling> settling = new HashMap<>();
    // Every stored instance the messages reached, even one a later message superseded in the map
    // above by starting the next instance: its close must be written too.
    List<Settling> stored = new ArrayList<>();
    locked.forEach(
        (key, current) -> {
          Settling each = Settling.of(current);
          settling.put(key, each);
          stored.add(each);
        });
    List<Settling> reached = new ArrayList<>(messages.size());
    List<Settling> created = new ArrayList<>();
    for (JobMessage message : messages) {
      Settling current = settling.get(message.key());
      InstanceRule.Verdict verdict =
          InstanceRule.decide(
              current == null ? null : current.rule(), message.instance(), message.occurredAt());
      Settling now =
          switch (verdict) {
            case EARLIER -> null;
            case NEW -> {
              Settling next = Settling.next(current, message);
              settling.put(message.key(), next);
              created.add(next);
              yield next;
            }
            case CURRENT -> {
              if (message.instance() != null
                  && !Objects.equals(message.instance(), current.wireInstance)) {
                // The engine numbers this instance anew (it lost its state): remember the number
                // it uses now, so its next messages match at once.
                current.wireInstance = message.instance();
              }
              yield current;
            }
          };
      if (now != null && message.stage().terminal() && now.closedAt == null) {
        // Only a message that happened after this starts the next instance.
        now.closedAt = Timestamps.asStored(message.occurredAt());
      }
      reached.add(now);
    }
    Map<InstanceKey, Job> inserted = insertInstances(created);
    if (inserted.size() < created.size()) {
      // Cannot happen while every writer of jobs rows holds the job id's lock first; if it does,
      // the caller's transaction is retried and decides again.
      throw new ConcurrencyFailureException(
          "another transaction created an instance of one of these jobs: "
              + created.stream().map(each -> each.message.key()).distinct().toList());
    }
    updateInstances(stored.stream().filter(Settling::changed).toList());
    List<Optional<Job>> results = new ArrayList<>(messages.size());
    for (Settling each : reached) {
      results.add(
          each == null
              ? Optional.empty()
              : Optional.of(each.stored != null ? each.stored : inserted.get(each.key())));
    }
    return results;
  }

  /**
   * A job id's current instance while a list of messages is being decided: its stored row (null
   * when the messages create it) and what {@link InstanceRule} needs, as the messages so far left
   * it.
   */
  private static final class Settling {
    final Job stored;
    final JobMessage message;
    final long instance;
    final Long storedWireInstance;
    final Instant storedClosedAt;
    final Instant previousClosedAt;
    Long wireInstance;
    Instant closedAt;

    private Settling(
        Job stored,
        JobMessage message,
        long instance,
        Long wireInstance,
        Instant closedAt,
        Instant previousClosedAt) {
      this.stored = stored;
      this.message = message;
      this.instance = instance;
      this.storedWireInstance = stored == null ? null : wireInstance;
      this.storedClosedAt = stored == null ? null : closedAt;
      this.wireInstance = wireInstance;
      this.closedAt = closedAt;
      this.previousClosedAt = previousClosedAt;
    }

    static Settling of(Locked locked) {
      return new Settling(
          locked.job(),
          null,
          locked.job().instance(),
          locked.rule().wireInstance(),
          locked.rule().closedAt(),
          locked.rule().previousClosedAt());
    }

    /** The job id's next instance (its first when {@code current} is null), started by message. */
    static Settling next(Settling current, JobMessage message) {
      return new Settling(
          null,
          message,
          current == null ? 1L : current.instance + 1,
          message.instance(),
          null,
          current == null ? null : current.closedAt);
    }

    InstanceRule.Current rule() {
      return new InstanceRule.Current(wireInstance, closedAt, previousClosedAt);
    }

    InstanceKey key() {
      return stored != null
          ? new InstanceKey(stored.tenantId(), stored.jobId(), instance)
          : new InstanceKey(message.tenantId(), message.jobId(), instance);
    }

    boolean changed() {
      return !Objects.equals(wireInstance, storedWireInstance)
          || !Objects.equals(closedAt, storedClosedAt);
    }
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
      Map<String, Locked> locked = lockLatestAll(round.stream().map(JobMessage::of).toList());
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
      List<InstanceChange> adopted = new ArrayList<>();
      for (int j = 0; j < adoptOnly.size(); j++) {
        BoardUpdate update = updates.get(adoptOnly.get(j));
        adopted.add(
            new InstanceChange(
                update.tenantId(), update.jobId(), adoptInto.get(j), update.instance(), null));
      }
      writeChanges(adopted);
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
   * instances holds its lock first, and every transaction takes its locks in that one ascending
   * order, a whole poll's at once: a board poll ({@link #applyAll}) and an intent poll ({@link
   * #lockInstances}). So two polls that lock many rows each and create new jobs among them wait for
   * each other instead of deadlocking. Locks already held in this transaction are not asked for
   * again.
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

  /**
   * The current instances' rows of these messages' job ids, locked, by key; a job id never seen has
   * none. Under the job ids' locks ({@link #lockKeys}).
   */
  private Map<String, Locked> lockCurrent(List<JobMessage> messages) {
    Map<String, Locked> current = new HashMap<>();
    Map<String, JobMessage> unsettled = new LinkedHashMap<>();
    messages.forEach(message -> unsettled.putIfAbsent(message.key(), message));
    for (int tries = 0; tries < MAX_TRIES && !unsettled.isEmpty(); tries++) {
      Map<String, Locked> locked = lockLatestAll(List.copyOf(unsettled.values()));
      Set<String> moved = laterInstanceAppeared(locked);
      locked.forEach(
          (key, each) -> {
            if (!moved.contains(key)) {
              current.put(key, each);
            }
          });
      // A closed instance was the latest when we asked, but someone created the next one while
      // we waited for its lock: lock that one instead.
      unsettled.keySet().retainAll(moved);
    }
    if (!unsettled.isEmpty()) {
      throw new IllegalStateException(
          "could not settle the instance of job " + unsettled.keySet().iterator().next());
    }
    return current;
  }

  /**
   * The current instances' rows of these messages' job ids, locked, by key. Each job id's row is
   * found through its primary key (the latest instance, {@code LIMIT 1}), whatever the planner
   * knows of the table: a plan cached while the table was small once scanned every job of the
   * tenant per key.
   */
  private Map<String, Locked> lockLatestAll(List<JobMessage> round) {
    List<List<String>> keys =
        round.stream()
            .map(message -> List.of(message.tenantId(), message.jobId()))
            .distinct()
            .sorted(
                Comparator.comparing((List<String> key) -> key.get(0))
                    .thenComparing(key -> key.get(1)))
            .toList();
    Map<String, Locked> locked = new HashMap<>();
    jdbc.sql(
            "SELECT "
                + J_COLUMNS
                + ", j.wire_instance, j.closed_at, (SELECT p.closed_at FROM jobs p"
                + " WHERE p.tenant_id = j.tenant_id AND p.job_id = j.job_id"
                + " AND p.instance = j.instance - 1) AS previous_closed_at"
                + " FROM unnest(CAST(? AS text[]), CAST(? AS text[])) AS k(tenant_id, job_id)"
                + " CROSS JOIN LATERAL (SELECT * FROM jobs WHERE jobs.tenant_id = k.tenant_id"
                + " AND jobs.job_id = k.job_id ORDER BY jobs.instance DESC LIMIT 1 FOR UPDATE) AS j")
        .params(
            keys.stream().map(key -> key.get(0)).toArray(String[]::new),
            keys.stream().map(key -> key.get(1)).toArray(String[]::new))
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
            "SELECT l.tenant_id, l.job_id FROM unnest(CAST(? AS text[]), CAST(? AS text[]),"
                + " CAST(? AS bigint[])) AS l(tenant_id, job_id, instance)"
                + " CROSS JOIN LATERAL (SELECT j.instance FROM jobs j WHERE j.tenant_id ="
                + " l.tenant_id AND j.job_id = l.job_id ORDER BY j.instance DESC LIMIT 1) AS latest"
                + " WHERE latest.instance > l.instance")
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
   * The board's new instances; see {@link #insertRows}.
   *
   * @return the keys whose instance someone else created first
   */
  private Set<String> insertInstances(
      List<BoardUpdate> updates, List<Integer> create, List<Long> instances) {
    List<NewInstance> rows = new ArrayList<>(create.size());
    Set<String> lost = new HashSet<>();
    for (int j = 0; j < create.size(); j++) {
      BoardUpdate update = updates.get(create.get(j));
      rows.add(new NewInstance(JobMessage.of(update), instances.get(j), update.instance(), null));
      lost.add(update.key());
    }
    insertRows(rows).forEach(job -> lost.remove(JobKey.of(job.tenantId(), job.jobId())));
    return lost;
  }

  /** The instances the messages created; see {@link #insertRows}. */
  private Map<InstanceKey, Job> insertInstances(List<Settling> created) {
    Map<InstanceKey, Job> inserted = new HashMap<>();
    insertRows(
            created.stream()
                .map(s -> new NewInstance(s.message, s.instance, s.wireInstance, s.closedAt))
                .toList())
        .forEach(job -> inserted.put(job.instanceKey(), job));
    return inserted;
  }

  /**
   * A job id's new instance, started by {@code message}, with the engine number and close that
   * messages after it may have given it already.
   */
  private record NewInstance(JobMessage message, long instance, Long wire, Instant closedAt) {}

  /**
   * New instances at version 0, so the instance's first board update always replaces what is stored
   * here, in key order, each with a fresh token. An instance someone else created first is left as
   * it is (and not returned): both then lock the one row that won, with its one token.
   *
   * @return the instances created
   */
  private List<Job> insertRows(List<NewInstance> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    int n = rows.size();
    String[] tenant = new String[n];
    String[] job = new String[n];
    Long[] instance = new Long[n];
    Long[] wire = new Long[n];
    String[] location = new String[n];
    String[] journey = new String[n];
    String[] stage = new String[n];
    String[] token = new String[n];
    String[] closed = new String[n];
    for (int j = 0; j < n; j++) {
      NewInstance row = rows.get(j);
      JobMessage message = row.message();
      tenants.ensure(message.tenantId());
      tenant[j] = message.tenantId();
      job[j] = message.jobId();
      instance[j] = row.instance();
      wire[j] = row.wire();
      location[j] = message.locationId();
      journey[j] = message.journey().wireName();
      stage[j] = message.stage().name();
      token[j] = TrackingTokens.next();
      closed[j] = text(row.closedAt());
    }
    return jdbc.sql(
            "INSERT INTO jobs (tenant_id, job_id, instance, wire_instance, location_id, journey,"
                + " stage, version, tracking_token, closed_at) SELECT tenant_id, job_id, instance,"
                + " wire, location_id, journey, stage, 0, token, CAST(closed_at AS timestamptz)"
                + " FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS bigint[]),"
                + " CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),"
                + " CAST(? AS text[]), CAST(? AS text[])) AS u(tenant_id, job_id, instance, wire,"
                + " location_id, journey, stage, token, closed_at)"
                + " ORDER BY tenant_id, job_id, instance"
                + " ON CONFLICT (tenant_id, job_id, instance) DO NOTHING RETURNING "
                + COLUMNS)
        .params(tenant, job, instance, wire, location, journey, stage, token, closed)
        .query(JobRepository::map)
        .list();
  }

  /** A stored instance's new engine number and close; null keeps what is stored. */
  private record InstanceChange(
      String tenantId, String jobId, long instance, Long wire, Instant closedAt) {}

  private void updateInstances(List<Settling> changed) {
    writeChanges(
        changed.stream()
            .map(
                s ->
                    new InstanceChange(
                        s.stored.tenantId(),
                        s.stored.jobId(),
                        s.instance,
                        Objects.equals(s.wireInstance, s.storedWireInstance)
                            ? null
                            : s.wireInstance,
                        s.closedAt))
            .toList());
  }

  /**
   * Adopts engine numbers and closes instances in one statement. A close never moves: the first one
   * stays.
   */
  private void writeChanges(List<InstanceChange> changes) {
    if (changes.isEmpty()) {
      return;
    }
    jdbc.sql(
            "UPDATE jobs SET wire_instance = COALESCE(u.wire, jobs.wire_instance),"
                + " closed_at = COALESCE(jobs.closed_at, CAST(u.closed_at AS timestamptz))"
                + " FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS bigint[]),"
                + " CAST(? AS bigint[]), CAST(? AS text[])) AS u(tenant_id, job_id, instance, wire,"
                + " closed_at) WHERE jobs.tenant_id = u.tenant_id AND jobs.job_id = u.job_id"
                + " AND jobs.instance = u.instance")
        .params(
            changes.stream().map(InstanceChange::tenantId).toArray(String[]::new),
            changes.stream().map(InstanceChange::jobId).toArray(String[]::new),
            changes.stream().map(InstanceChange::instance).toArray(Long[]::new),
            changes.stream().map(InstanceChange::wire).toArray(Long[]::new),
            changes.stream().map(c -> text(c.closedAt())).toArray(String[]::new))
        .update();
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

  /** A {@code jobs} row as a {@link Job}: for any query that selects the table's columns. */
  public static Job map(ResultSet row, int rowNum) throws SQLException {
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
