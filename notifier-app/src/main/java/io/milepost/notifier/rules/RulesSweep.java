package io.milepost.notifier.rules;

import io.milepost.notifier.kafka.Sweep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Nothing stored is lost on the way to Kafka: every {@link RulesProperties#republishInterval()},
 * rules stored but not acknowledged by Kafka (it was down during the PUT, the instance died before
 * publishing) are published again. On a thread of its own rather than with {@code @Scheduled}: the
 * interval's default lives in {@link RulesProperties} alone, and a sweep waiting for Kafka holds up
 * no other scheduled work (nor a bean that would replace the one {@code @Scheduled} uses).
 */
@Component
class RulesSweep extends Sweep {
  private static final Logger log = LoggerFactory.getLogger(RulesSweep.class);

  private final RulesPublisher publisher;

  RulesSweep(RulesPublisher publisher, RulesProperties properties) {
    super("rules-sweep", properties.republishInterval());
    this.publisher = publisher;
  }

  @Override
  protected void sweepOnce() {
    int published = publisher.publishUnpublished();
    if (published > 0) {
      log.info("published the stored rules of {} tenant(s) that Kafka did not have", published);
    }
  }
}
