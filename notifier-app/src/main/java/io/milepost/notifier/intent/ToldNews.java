package io.milepost.notifier.intent;

import io.milepost.notifier.Timestamps;
import io.milepost.notifier.job.InstanceKey;
import io.milepost.schemas.IntentKind;
import io.milepost.schemas.Stage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What each job instance's customer was told. Read and written under the instance's row lock, in
 * the transaction that records the intent, so two notifier instances cannot both tell the same
 * news. The table's key also holds (kind, occurrence) for kinds that recur without a stage change
 * (ETA_CHANGED, DELAY_RISK, STAGE_OVERRUN, SILENCE): each inserts its occurrence as the subject, ON
 * CONFLICT DO NOTHING, and is told only when its row is new ({@link #rememberOccurrences}).
 */
@Repository
class ToldNews {
  private final JdbcClient jdbc;

  ToldNews(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The stages told in each of these instances, each in the order they were last told. */
  @Transactional(propagation = Propagation.MANDATORY)
  Map<InstanceKey, List<ToldOnce.Told>> stages(Collection<InstanceKey> instances) {
    Map<InstanceKey, List<ToldOnce.Told>> told = new HashMap<>();
    instances.forEach(instance -> told.put(instance, new ArrayList<>()));
    if (instances.isEmpty()) {
      return told;
    }
    jdbc.sql(
            "SELECT t.tenant_id, t.job_id, t.instance, t.subject, t.occurred_at"
                + " FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS bigint[]))"
                + " AS k(tenant_id, job_id, instance) CROSS JOIN LATERAL (SELECT * FROM told_news"
                + " WHERE told_news.tenant_id = k.tenant_id AND told_news.job_id = k.job_id"
                + " AND told_news.instance = k.instance AND told_news.kind = ?) AS t"
                + " ORDER BY t.told_order")
        .params(
            instances.stream().map(InstanceKey::tenantId).toArray(String[]::new),
            instances.stream().map(InstanceKey::jobId).toArray(String[]::new),
            instances.stream().map(InstanceKey::instance).toArray(Long[]::new),
            IntentKind.STAGE_CHANGED.name())
        .query(
            (row, n) -> {
              told.get(
                      new InstanceKey(
                          row.getString("tenant_id"),
                          row.getString("job_id"),
                          row.getLong("instance")))
                  .add(
                      new ToldOnce.Told(
                          Stage.valueOf(row.getString("subject")),
                          Timestamps.read(row, "occurred_at")));
              return row;
            })
        .list();
    return told;
  }

  /**
   * That {@code stage} was told in {@code instance} for its entry at {@code occurredAt}, by {@code
   * intentId}.
   */
  record Telling(InstanceKey instance, Stage stage, Instant occurredAt, String intentId) {}

  /**
   * Remembers these tellings, in order, in one statement: per instance and stage the latest event
   * time told, the last intent that told it, and it becomes the instance's last told (what {@link
   * ToldOnce#afterTelling} does to a list of what was told).
   */
  @Transactional(propagation = Propagation.MANDATORY)
  void remember(List<Telling> tellings) {
    if (tellings.isEmpty()) {
      return;
    }
    // PostgreSQL's ON CONFLICT DO UPDATE may touch a row once per statement: one row per instance
    // and stage, placed where it was told last, so the rows take their told_order in that order.
    Map<List<Object>, Telling> collapsed = new LinkedHashMap<>();
    for (Telling telling : tellings) {
      List<Object> key = List.of(telling.instance(), telling.stage());
      Telling before = collapsed.remove(key);
      Instant occurredAt =
          before == null || telling.occurredAt().isAfter(before.occurredAt())
              ? telling.occurredAt()
              : before.occurredAt();
      collapsed.put(
          key, new Telling(telling.instance(), telling.stage(), occurredAt, telling.intentId()));
    }
    List<Telling> rows = List.copyOf(collapsed.values());
    jdbc.sql(
            "INSERT INTO told_news (tenant_id, job_id, instance, kind, subject, occurred_at,"
                + " intent_id) SELECT tenant_id, job_id, instance, ?, subject,"
                + " CAST(occurred_at AS timestamptz), intent_id FROM unnest(CAST(? AS text[]),"
                + " CAST(? AS text[]), CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS text[]),"
                + " CAST(? AS text[])) WITH ORDINALITY AS u(tenant_id, job_id, instance, subject,"
                + " occurred_at, intent_id, position) ORDER BY position"
                + " ON CONFLICT (tenant_id, job_id, instance, kind, subject) DO UPDATE"
                + " SET occurred_at = GREATEST(told_news.occurred_at, EXCLUDED.occurred_at),"
                + " intent_id = EXCLUDED.intent_id, told_order = DEFAULT")
        .params(
            IntentKind.STAGE_CHANGED.name(),
            rows.stream().map(t -> t.instance().tenantId()).toArray(String[]::new),
            rows.stream().map(t -> t.instance().jobId()).toArray(String[]::new),
            rows.stream().map(t -> t.instance().instance()).toArray(Long[]::new),
            rows.stream().map(t -> t.stage().name()).toArray(String[]::new),
            rows.stream().map(t -> t.occurredAt().toString()).toArray(String[]::new),
            rows.stream().map(Telling::intentId).toArray(String[]::new))
        .update();
  }

  /**
   * An occurrence of a recurring kind in a job instance, as one intent tells it: (instance, kind,
   * occurrence) is told once, whatever the intent id.
   */
  record Occurrence(
      InstanceKey instance, IntentKind kind, int occurrence, Instant occurredAt, String intentId) {

    /** What makes it the same news: (instance, kind, occurrence). */
    List<Object> key() {
      return List.of(instance, kind, occurrence);
    }
  }

  /**
   * Remembers these occurrences, in one statement, each by the first intent that names it; one
   * already remembered (told before, by any intent id) stays as it was.
   *
   * @return the keys ({@link Occurrence#key}) remembered now for the first time: the news to tell
   */
  @Transactional(propagation = Propagation.MANDATORY)
  Set<List<Object>> rememberOccurrences(List<Occurrence> occurrences) {
    Set<List<Object>> fresh = new HashSet<>();
    // The first intent naming an occurrence tells it; the poll's later ones are duplicates.
    Map<List<Object>, Occurrence> first = new LinkedHashMap<>();
    occurrences.forEach(each -> first.putIfAbsent(each.key(), each));
    List<Occurrence> rows = List.copyOf(first.values());
    if (rows.isEmpty()) {
      return fresh;
    }
    jdbc.sql(
            "INSERT INTO told_news (tenant_id, job_id, instance, kind, subject, occurred_at,"
                + " intent_id) SELECT tenant_id, job_id, instance, kind, subject,"
                + " CAST(occurred_at AS timestamptz), intent_id FROM unnest(CAST(? AS text[]),"
                + " CAST(? AS text[]), CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS text[]),"
                + " CAST(? AS text[]), CAST(? AS text[])) WITH ORDINALITY AS u(tenant_id, job_id,"
                + " instance, kind, subject, occurred_at, intent_id, position) ORDER BY position"
                + " ON CONFLICT (tenant_id, job_id, instance, kind, subject) DO NOTHING"
                + " RETURNING tenant_id, job_id, instance, kind, subject")
        .params(
            rows.stream().map(o -> o.instance().tenantId()).toArray(String[]::new),
            rows.stream().map(o -> o.instance().jobId()).toArray(String[]::new),
            rows.stream().map(o -> o.instance().instance()).toArray(Long[]::new),
            rows.stream().map(o -> o.kind().name()).toArray(String[]::new),
            rows.stream().map(o -> String.valueOf(o.occurrence())).toArray(String[]::new),
            rows.stream()
                .map(o -> Timestamps.asStored(o.occurredAt()).toString())
                .toArray(String[]::new),
            rows.stream().map(Occurrence::intentId).toArray(String[]::new))
        .query(
            (row, n) ->
                List.<Object>of(
                    new InstanceKey(
                        row.getString("tenant_id"),
                        row.getString("job_id"),
                        row.getLong("instance")),
                    IntentKind.valueOf(row.getString("kind")),
                    Integer.parseInt(row.getString("subject"))))
        .list()
        .forEach(fresh::add);
    return fresh;
  }
}
