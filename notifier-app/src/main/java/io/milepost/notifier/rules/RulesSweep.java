package io.milepost.notifier.rules;

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
 * Nothing stored is lost on the way to Kafka: every {@link RulesProperties#republishInterval()},
 * rules stored but not acknowledged by Kafka (it was down during the PUT, the instance died before
 * publishing) are published again. On a thread of its own rather than with {@code @Scheduled}: the
 * interval's default lives in {@link RulesProperties} alone, and a sweep waiting for Kafka holds up
 * no other scheduled work (nor a bean that would replace the one {@code @Scheduled} uses).
 */
@Component
class RulesSweep implements DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(RulesSweep.class);

  private final RulesPublisher publisher;
  private final RulesProperties properties;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "rules-sweep");
            thread.setDaemon(true);
            return thread;
          });

  RulesSweep(RulesPublisher publisher, RulesProperties properties) {
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
        log.info("published the stored rules of {} tenant(s) that Kafka did not have", published);
      }
    } catch (RuntimeException e) {
      // PostgreSQL unreachable: the next sweep tries again.
      log.warn("rules sweep failed: {}", e.toString());
    }
  }

  @Override
  public void destroy() {
    scheduler.shutdownNow();
  }
}
