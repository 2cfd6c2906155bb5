package io.milepost.notifier.rules;

import io.milepost.notifier.kafka.BoundedProducers;
import io.milepost.schemas.Rules;
import io.milepost.schemas.Topics;
import io.milepost.schemas.WireCodec;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts a tenant's stored rules on {@link Topics#RULES}, keyed by tenant, and records that Kafka has
 * them. Always the latest stored revision, under the tenant's row lock: publishers of one tenant (a
 * PUT, the sweep, another instance) take turns, so revisions reach the compacted topic in order and
 * its last record per tenant is the stored one.
 */
@Component
class RulesPublisher implements DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(RulesPublisher.class);

  private final KafkaTemplate<String, byte[]> kafka;
  private final RulesStore store;
  private final TransactionTemplate transaction;
  private final RulesProperties properties;

  RulesPublisher(
      ProducerFactory<String, byte[]> producers,
      RulesStore store,
      PlatformTransactionManager transactions,
      RulesProperties properties) {
    // A producer of its own whose every wait is bounded by the publish timeout: a copy delivered
    // after the lock is released could land behind a newer revision and be the one compaction
    // keeps.
    this.kafka =
        BoundedProducers.template(producers, properties.publishTimeout(), "milepost-rules");
    this.store = store;
    this.transaction = new TransactionTemplate(transactions);
    this.properties = properties;
  }

  /**
   * Publishes the tenant's stored rules if Kafka does not have them yet.
   *
   * @return the revision now on Kafka for the tenant (at least the one stored when called), or
   *     empty when Kafka did not acknowledge it within the publish timeout (the sweep tries again)
   */
  Optional<Long> publishLatest(String tenantId) {
    try {
      return Optional.of(transaction.execute(status -> publishUnderLock(tenantId)));
    } catch (PublishFailedException e) {
      log.warn(
          "rules of tenant {} not on Kafka yet ({}); the sweep publishes them again",
          tenantId,
          e.getCause().toString());
      return Optional.empty();
    }
  }

  private long publishUnderLock(String tenantId) {
    Optional<Rules> unpublished = store.lockUnpublished(tenantId);
    if (unpublished.isEmpty()) {
      // Already on Kafka (another publisher was first), or nothing stored.
      return store.find(tenantId).map(Rules::revisionOrZero).orElse(0L);
    }
    Rules rules = unpublished.get();
    try {
      kafka
          .send(Topics.RULES, rules.tenantId(), WireCodec.RULES.encode(rules))
          // The producer completes the future within max.block + delivery timeout; the margin
          // only guards against a producer that breaks its word.
          .get(2 * properties.publishTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishFailedException(e);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      throw new PublishFailedException(e instanceof ExecutionException ? e.getCause() : e);
    }
    store.markPublished(tenantId, rules.revisionOrZero());
    log.info("rules of tenant {} revision {} on Kafka", tenantId, rules.revisionOrZero());
    return rules.revisionOrZero();
  }

  /**
   * Publishes every tenant's rules that are stored but not on Kafka; stops at the first failure
   * (Kafka is down: the next sweep tries again rather than wait for each tenant in turn).
   *
   * @return how many tenants' rules were published
   */
  int publishUnpublished() {
    int published = 0;
    for (String tenantId : store.unpublishedTenants()) {
      if (publishLatest(tenantId).isEmpty()) {
        break;
      }
      published++;
    }
    return published;
  }

  @Override
  public void destroy() {
    kafka.destroy();
  }

  static final class PublishFailedException extends RuntimeException {
    PublishFailedException(Throwable cause) {
      super("Kafka did not acknowledge the rules", cause);
    }
  }
}
