package io.milepost.notifier.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.stereotype.Component;

/**
 * Which partitions are retrying a record, since when and why. Readiness goes DOWN while one has
 * been retrying longer than {@code milepost.kafka.stuck-after}: in the readiness group as {@code
 * kafkaConsumers}. Meters: {@code milepost.kafka.records.stuck} (partitions past the limit), {@code
 * milepost.kafka.retry.oldest.seconds}, and {@code milepost.kafka.record.retries} tagged with the
 * topic and the cause, which says why.
 */
@Component("kafkaConsumersHealthIndicator")
class RetryingRecords implements RetryListener, HealthIndicator {
  private static final Logger log = LoggerFactory.getLogger(RetryingRecords.class);

  private final Map<TopicPartition, Retry> retrying = new ConcurrentHashMap<>();
  private final ListenerProperties settings;
  private final MeterRegistry meters;
  private final Clock clock;

  @Autowired
  RetryingRecords(ListenerProperties settings, MeterRegistry meters) {
    this(settings, meters, Clock.systemUTC());
  }

  RetryingRecords(ListenerProperties settings, MeterRegistry meters, Clock clock) {
    this.settings = settings;
    this.meters = meters;
    this.clock = clock;
    Gauge.builder("milepost.kafka.records.stuck", this, r -> r.stuck().size())
        .description("Partitions whose next record has been retrying longer than stuck-after")
        .register(meters);
    Gauge.builder("milepost.kafka.retry.oldest.seconds", this, RetryingRecords::oldestSeconds)
        .description("How long the longest-retrying record has been retrying")
        .baseUnit("seconds")
        .register(meters);
  }

  @Override
  public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
    if (Failures.classify(ex) == Failures.Kind.POISON) {
      return; // set aside at once, never retried
    }
    String cause = Failures.reason(ex);
    Instant now = clock.instant();
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    Retry retry =
        retrying.compute(
            partition,
            (key, previous) ->
                previous != null && previous.offset() == record.offset()
                    ? new Retry(
                        record.offset(), previous.since(), now, previous.attempts() + 1, cause)
                    : new Retry(record.offset(), now, now, 1, cause));
    Counter.builder("milepost.kafka.record.retries")
        .description("Failed attempts at records that will be retried, by cause")
        .tag("topic", record.topic())
        .tag("cause", causeTag(ex))
        .register(meters)
        .increment();
    log.warn(
        "{}-{}@{} failed (attempt {}, retrying since {}), will retry: {}",
        record.topic(),
        record.partition(),
        record.offset(),
        retry.attempts(),
        retry.since(),
        cause);
  }

  @Override
  public void recovered(ConsumerRecord<?, ?> record, Exception ex) {
    retrying.remove(new TopicPartition(record.topic(), record.partition()));
  }

  /** The listener committed these records: their partitions are flowing again. */
  void progressed(Collection<? extends ConsumerRecord<?, ?>> records) {
    if (retrying.isEmpty()) {
      return;
    }
    for (ConsumerRecord<?, ?> record : records) {
      TopicPartition partition = new TopicPartition(record.topic(), record.partition());
      Retry retry = retrying.get(partition);
      if (retry != null && record.offset() >= retry.offset()) {
        retrying.remove(partition, retry);
        log.info(
            "{} moves again after {} retrying offset {}",
            partition,
            Duration.between(retry.since(), clock.instant()),
            retry.offset());
      }
    }
  }

  @Override
  public Health health() {
    List<Map.Entry<TopicPartition, Retry>> stuck = stuck();
    Health.Builder health = stuck.isEmpty() ? Health.up() : Health.down();
    for (Map.Entry<TopicPartition, Retry> entry : stuck) {
      Retry retry = entry.getValue();
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("offset", retry.offset());
      detail.put("retryingSince", retry.since().toString());
      detail.put("attempts", retry.attempts());
      detail.put("cause", retry.cause());
      health.withDetail(entry.getKey().toString(), detail);
    }
    return health.build();
  }

  /**
   * Records retrying longer than the limit. An entry not retried for a while (its partition went to
   * another instance in a rebalance) no longer counts: a retrying record is attempted at least
   * every max-retry-after.
   */
  List<Map.Entry<TopicPartition, Retry>> stuck() {
    Instant now = clock.instant();
    Instant stuckBefore = now.minus(settings.stuckAfter());
    Instant staleBefore = now.minus(settings.maxRetryAfter().multipliedBy(2).plusSeconds(30));
    retrying.values().removeIf(retry -> retry.lastAttempt().isBefore(staleBefore));
    return retrying.entrySet().stream()
        .filter(entry -> entry.getValue().since().isBefore(stuckBefore))
        .sorted(Comparator.comparing(entry -> entry.getValue().since()))
        .toList();
  }

  private double oldestSeconds() {
    Instant now = clock.instant();
    return retrying.values().stream()
        .mapToDouble(retry -> Duration.between(retry.since(), now).toMillis() / 1000.0)
        .max()
        .orElse(0);
  }

  /** A low-cardinality "why": the SQLState class, or the exception's type. */
  static String causeTag(Throwable failure) {
    for (Throwable each = failure; each != null; each = each.getCause()) {
      if (each instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
        return "sqlstate-" + sql.getSQLState();
      }
      if (each.getCause() == null || each.getCause() == each) {
        return each.getClass().getSimpleName();
      }
    }
    return "unknown";
  }

  record Retry(long offset, Instant since, Instant lastAttempt, int attempts, String cause) {}
}
