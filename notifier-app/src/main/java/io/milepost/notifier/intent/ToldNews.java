package io.milepost.notifier.intent;

import io.milepost.notifier.Timestamps;
import io.milepost.notifier.job.Job;
import io.milepost.schemas.Intent;
import io.milepost.schemas.IntentKind;
import io.milepost.schemas.Stage;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What each job instance's customer was told. Read and written under the instance's row lock, in
 * the transaction that records the intent, so two notifier instances cannot both tell the same
 * news. The table's key also holds (kind, occurrence) for kinds that recur without a stage change
 * (a delay, a silence): none is on the wire yet; the first one inserts its occurrence as the
 * subject, ON CONFLICT DO NOTHING, and tells only when the row is new.
 */
@Repository
class ToldNews {
  private final JdbcClient jdbc;

  ToldNews(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The stages told in this instance, in the order they were last told. */
  @Transactional(propagation = Propagation.MANDATORY)
  List<ToldOnce.Told> stages(Job job) {
    return jdbc.sql(
            "SELECT subject, occurred_at FROM told_news WHERE tenant_id = :tenant AND job_id ="
                + " :job AND instance = :instance AND kind = :kind ORDER BY told_order")
        .param("tenant", job.tenantId())
        .param("job", job.jobId())
        .param("instance", job.instance())
        .param("kind", IntentKind.STAGE_CHANGED.name())
        .query(
            (row, n) ->
                new ToldOnce.Told(
                    Stage.valueOf(row.getString("subject")), Timestamps.read(row, "occurred_at")))
        .list();
  }

  /** Remembers that {@code stage} was told for its entry at {@code occurredAt}. */
  @Transactional(propagation = Propagation.MANDATORY)
  void stageTold(Job job, Stage stage, Instant occurredAt, Intent intent) {
    jdbc.sql(
            "INSERT INTO told_news (tenant_id, job_id, instance, kind, subject, occurred_at,"
                + " intent_id) VALUES (:tenant, :job, :instance, :kind, :subject, :occurred,"
                + " :intent) ON CONFLICT (tenant_id, job_id, instance, kind, subject) DO UPDATE"
                + " SET occurred_at = GREATEST(told_news.occurred_at, EXCLUDED.occurred_at),"
                + " intent_id = EXCLUDED.intent_id, told_order = DEFAULT")
        .param("tenant", job.tenantId())
        .param("job", job.jobId())
        .param("instance", job.instance())
        .param("kind", IntentKind.STAGE_CHANGED.name())
        .param("subject", stage.name())
        .param("occurred", Timestamps.of(occurredAt))
        .param("intent", intent.intentId())
        .update();
  }
}
