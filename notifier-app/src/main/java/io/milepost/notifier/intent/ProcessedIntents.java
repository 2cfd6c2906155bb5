package io.milepost.notifier.intent;

import io.milepost.schemas.Intent;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The idempotent consumer's memory of which intents it has already turned into notifications. */
@Repository
class ProcessedIntents {
  private final JdbcClient jdbc;

  ProcessedIntents(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records these intents as processed, in one statement, in the transaction that records what they
   * tell.
   *
   * @return the ids seen for the first time; an id seen before, or earlier in this list, is a
   *     redelivery, to be ignored
   */
  @Transactional(propagation = Propagation.MANDATORY)
  Set<String> markProcessed(List<Intent> intents) {
    Map<String, Intent> first = new LinkedHashMap<>();
    intents.forEach(intent -> first.putIfAbsent(intent.intentId(), intent));
    if (first.isEmpty()) {
      return Set.of();
    }
    // In one order whoever inserts, so two consumers of one partition (a rebalance) never wait for
    // each other's ids crosswise.
    List<Intent> rows =
        first.values().stream().sorted(Comparator.comparing(Intent::intentId)).toList();
    return new HashSet<>(
        jdbc.sql(
                "INSERT INTO processed_intents (intent_id, tenant_id, job_id, kind, version)"
                    + " SELECT * FROM unnest(CAST(? AS text[]), CAST(? AS text[]),"
                    + " CAST(? AS text[]), CAST(? AS text[]), CAST(? AS bigint[]))"
                    + " ON CONFLICT (intent_id) DO NOTHING RETURNING intent_id")
            .params(
                rows.stream().map(Intent::intentId).toArray(String[]::new),
                rows.stream().map(Intent::tenantId).toArray(String[]::new),
                rows.stream().map(Intent::jobId).toArray(String[]::new),
                rows.stream().map(intent -> intent.kind().name()).toArray(String[]::new),
                rows.stream().map(Intent::version).toArray(Long[]::new))
            .query(String.class)
            .list());
  }
}
