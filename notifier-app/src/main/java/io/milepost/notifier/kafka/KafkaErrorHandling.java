package io.milepost.notifier.kafka;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Unreadable records never reach this handler (listeners set them aside themselves). What does is
 * infrastructure trouble, e.g. PostgreSQL down: then the record is retried until it works, never
 * skipped, because skipping an intent would lose a customer's SMS.
 */
@Configuration(proxyBeanMethods = false)
class KafkaErrorHandling {

  @Bean
  CommonErrorHandler retryForeverErrorHandler() {
    ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
    backOff.setMaxInterval(30_000);
    backOff.setMaxElapsedTime(Long.MAX_VALUE);
    return new DefaultErrorHandler(backOff);
  }
}
