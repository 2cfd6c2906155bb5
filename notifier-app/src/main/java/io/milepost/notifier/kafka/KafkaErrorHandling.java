package io.milepost.notifier.kafka;

import io.milepost.schemas.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * What happens when a listener fails on a record ({@link RecordBatches} names it). Poison ({@link
 * Failures}) is set aside at once ({@link SetAside}) and the partition moves on. Anything else is
 * infrastructure trouble, e.g. PostgreSQL down: the record is retried without limit, never skipped
 * (skipping an intent would lose a customer's SMS), with exponential back-off during which only its
 * partition is paused ({@link PartitionPausingBackOff}); {@link RetryingRecords} reports it on
 * readiness when it takes too long.
 */
@Configuration(proxyBeanMethods = false)
class KafkaErrorHandling {

  @Bean
  PartitionPausingBackOff partitionPausingBackOff() {
    return new PartitionPausingBackOff();
  }

  @Bean
  CommonErrorHandler setAsidePoisonRetryTheRest(
      SetAside setAside,
      PartitionPausingBackOff backOffHandler,
      RetryingRecords retrying,
      ListenerProperties settings) {
    ExponentialBackOff backOff = new ExponentialBackOff(settings.firstRetryAfter().toMillis(), 2.0);
    backOff.setMaxInterval(settings.maxRetryAfter().toMillis());
    backOff.setMaxElapsedTime(Long.MAX_VALUE);
    DefaultErrorHandler handler = new DefaultErrorHandler(setAside, backOff, backOffHandler);
    handler.addNotRetryableExceptions(PoisonRecordException.class);
    handler.setRetryListeners(retrying);
    return handler;
  }

  /** Created at start when missing; partitions and replicas are the broker's defaults. */
  @Bean
  NewTopic intentsDeadLetterTopic() {
    return TopicBuilder.name(Topics.INTENTS_DLQ).build();
  }

  @Bean
  NewTopic boardDeadLetterTopic() {
    return TopicBuilder.name(Topics.BOARD_DLQ).build();
  }

  @Bean
  NewTopic customerEventsDeadLetterTopic() {
    return TopicBuilder.name(Topics.CUSTOMER_EVENTS_DLQ).build();
  }
}
