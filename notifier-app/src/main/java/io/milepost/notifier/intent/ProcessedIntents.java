package io.milepost.notifier.intent;

import io.milepost.schemas.Intent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The idempotent consumer's memory of which intents it has already turned into notifications. */
@Repository
class ProcessedIntents {
  private final JdbcClient jdbc;

  ProcessedIntents(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * @return false when the intent was seen before: a redelivery, to be ignored
   */
  boolean markProcessed(Intent intent) {
    return jdbc.sql(
                "INSERT INTO processed_intents (intent_id, tenant_id, job_id, kind, version)"
                    + " VALUES (:id, :tenant, :job, :kind, :version)"
                    + " ON CONFLICT (intent_id) DO NOTHING")
            .param("id", intent.intentId())
            .param("tenant", intent.tenantId())
            .param("job", intent.jobId())
            .param("kind", intent.kind().name())
            .param("version", intent.version())
            .update()
        == 1;
  }
}
