package io.milepost.notifier.rules;

import io.milepost.schemas.Rules;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads and changes a tenant's rules: stored with an audit row, then published. The one path for
 * both the rules API and the ops console's rules form.
 */
@Service
public class TenantRules {
  private final RulesStore store;
  private final RulesPublisher publisher;
  private final TransactionTemplate transaction;
  private final Clock clock;

  TenantRules(
      RulesStore store,
      RulesPublisher publisher,
      PlatformTransactionManager transactions,
      Clock clock) {
    this.store = store;
    this.publisher = publisher;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  /** The tenant's stored rules, or the defaults at revision 0 when it set none. */
  public Rules current(String tenantId) {
    return store.find(tenantId).orElseGet(() -> Rules.defaults(tenantId));
  }

  /**
   * @param rules stored with the tenant's next revision (1 for its first) and this instant
   * @param published whether Kafka has this revision (or a later one) already; if not, the sweep
   *     publishes it
   */
  public record Change(Rules rules, boolean published) {}

  /**
   * Stores {@code proposed} as the tenant's next revision, then publishes it.
   *
   * @param expectedRevision the revision the caller based its change on (If-Match); empty to change
   *     whatever is stored
   * @throws RevisionMismatchException when the stored revision is not the expected one
   */
  public Change change(Rules proposed, OptionalLong expectedRevision, String actor) {
    String tenantId = proposed.tenantId();
    Rules stored =
        transaction.execute(
            status -> {
              Optional<Rules> before = store.lockForChange(tenantId);
              long current = before.map(Rules::revisionOrZero).orElse(0L);
              if (expectedRevision.isPresent() && expectedRevision.getAsLong() != current) {
                throw new RevisionMismatchException(current);
              }
              Rules after = proposed.withRevision(current + 1, clock.instant());
              store.save(before.orElse(null), after, actor);
              return after;
            });
    boolean published =
        publisher
            .publishLatest(tenantId)
            .map(onKafka -> onKafka >= stored.revisionOrZero())
            .orElse(false);
    return new Change(stored, published);
  }

  /**
   * The tenant's changes, newest first.
   *
   * @param before null for a tenant's first change: it ran on the defaults until then
   */
  public record AuditEntry(
      long revision, String actor, java.time.Instant changedAt, Rules before, Rules after) {}

  public List<AuditEntry> history(String tenantId, int limit) {
    return store.audit(tenantId, limit);
  }

  /** The rules changed since the caller read them. */
  public static final class RevisionMismatchException extends RuntimeException {
    final long currentRevision;

    public long currentRevision() {
      return currentRevision;
    }

    public RevisionMismatchException(long currentRevision) {
      super("the rules are at revision " + currentRevision);
      this.currentRevision = currentRevision;
    }
  }
}
