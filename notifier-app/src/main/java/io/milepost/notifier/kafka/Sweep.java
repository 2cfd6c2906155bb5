package io.milepost.notifier.kafka;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Work repeated at a fixed delay once the app is ready, so that what was stored but not yet
 * published (Kafka was down, the instance died after its commit) is published again. On a thread of
 * its own rather than {@code @Scheduled}: each interval's default lives in its properties alone,
 * and a sweep waiting for Kafka holds up no other scheduled work.
 */
public abstract class Sweep implements DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(Sweep.class);

  private final String name;
  private final Duration interval;
  private final ScheduledExecutorService scheduler;

  protected Sweep(String name, Duration interval) {
    this.name = name;
    this.interval = interval;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, name);
              thread.setDaemon(true);
              return thread;
            });
  }

  /** One pass; a failure is logged and the next pass tries again. */
  protected abstract void sweepOnce();

  @EventListener(ApplicationReadyEvent.class)
  public void start() {
    long millis = interval.toMillis();
    scheduler.scheduleWithFixedDelay(this::sweep, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** One pass, as the schedule runs it (and tests call it). */
  public void sweep() {
    try {
      sweepOnce();
    } catch (RuntimeException e) {
      // PostgreSQL or Kafka unreachable: the next pass tries again.
      log.warn("{} failed: {}", name, e.toString());
    }
  }

  @Override
  public void destroy() {
    scheduler.shutdownNow();
  }
}
