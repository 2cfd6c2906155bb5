package io.milepost.notifier.sms;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The outbox as operators see it: rows per status, and how long the oldest PENDING and SENDING rows
 * have waited. One query answers every gauge, at most once per {@link #MAX_STALENESS}, however
 * often they are scraped.
 */
@Component
class OutboxGauges implements MeterBinder {
  static final String ROWS = "milepost.sms.outbox.rows";
  static final String OLDEST_AGE = "milepost.sms.outbox.oldest.age";
  private static final Duration MAX_STALENESS = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(OutboxGauges.class);

  private final Notifications notifications;
  private final Clock clock = Clock.systemUTC();
  private Instant readAt = Instant.EPOCH;
  private Map<NotificationStatus, Notifications.StatusCount> latest =
      new EnumMap<>(NotificationStatus.class);

  OutboxGauges(Notifications notifications) {
    this.notifications = notifications;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (NotificationStatus status : NotificationStatus.values()) {
      Gauge.builder(ROWS, this, gauges -> gauges.rows(status))
          .description("SMS outbox rows by status")
          .tag("status", status.name())
          .register(registry);
    }
    for (NotificationStatus status :
        new NotificationStatus[] {NotificationStatus.PENDING, NotificationStatus.SENDING}) {
      Gauge.builder(OLDEST_AGE, this, gauges -> gauges.oldestAgeSeconds(status))
          .description("Age of the oldest SMS outbox row in this status; 0 when there is none")
          .tag("status", status.name())
          .baseUnit("seconds")
          .register(registry);
    }
  }

  private double rows(NotificationStatus status) {
    Notifications.StatusCount count = current().get(status);
    return count == null ? 0 : count.rows();
  }

  private double oldestAgeSeconds(NotificationStatus status) {
    Notifications.StatusCount count = current().get(status);
    if (count == null || count.oldestCreatedAt() == null) {
      return 0;
    }
    return Math.max(
        0, Duration.between(count.oldestCreatedAt(), clock.instant()).toMillis() / 1000.0);
  }

  private synchronized Map<NotificationStatus, Notifications.StatusCount> current() {
    Instant now = clock.instant();
    if (Duration.between(readAt, now).compareTo(MAX_STALENESS) >= 0) {
      try {
        Map<NotificationStatus, Notifications.StatusCount> read =
            new EnumMap<>(NotificationStatus.class);
        notifications.countByStatus().forEach(count -> read.put(count.status(), count));
        latest = read;
        readAt = now;
      } catch (RuntimeException e) {
        // PostgreSQL unreachable: keep the last figures; health says the rest.
        log.debug("outbox gauges not refreshed: {}", e.toString());
      }
    }
    return latest;
  }
}
