package io.milepost.notifier.customerevent;

import io.milepost.notifier.kafka.Sweep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Nothing recorded is lost on the way to Kafka: every {@link
 * CustomerEventsProperties#republishInterval()}, events Kafka has not acknowledged (it was down,
 * the instance died after the commit) are published again.
 */
@Component
class CustomerEventSweep extends Sweep {
  private static final Logger log = LoggerFactory.getLogger(CustomerEventSweep.class);

  private final CustomerEventPublisher publisher;

  CustomerEventSweep(CustomerEventPublisher publisher, CustomerEventsProperties properties) {
    super("customer-events-sweep", properties.republishInterval());
    this.publisher = publisher;
  }

  @Override
  protected void sweepOnce() {
    int published = publisher.publishUnpublished();
    if (published > 0) {
      log.info("published {} customer event(s) that Kafka did not have", published);
    }
  }
}
