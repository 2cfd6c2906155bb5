package io.milepost.notifier.customerevent;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Nothing recorded is lost on the way to Kafka: every {@link
 * CustomerEventsProperties#republishInterval()}, events Kafka has not acknowledged (it was down,
 * the instance died after the commit) are published again. A thread of its own, as the rules sweep.
 */
@Component
class CustomerEventSweep implements DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(CustomerEventSweep.class);

  private final CustomerEventPublisher publisher;
  private final CustomerEventsProperties properties;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "customer-events-sweep");
            thread.setDaemon(true);
            return thread;
          });

  CustomerEventSweep(CustomerEventPublisher publisher, CustomerEventsProperties properties) {
    this.publisher = publisher;
    this.properties = properties;
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    long interval = properties.republishInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::sweep, interval, interval, TimeUnit.MILLISECONDS);
  }

  void sweep() {
    try {
      int published = publisher.publishUnpublished();
      if (published > 0) {
        log.info("published {} customer event(s) that Kafka did not have", published);
      }
    } catch (RuntimeException e) {
      log.warn("customer events sweep failed: {}", e.toString());
    }
  }

  @Override
  public void destroy() {
    scheduler.shutdownNow();
  }
}
