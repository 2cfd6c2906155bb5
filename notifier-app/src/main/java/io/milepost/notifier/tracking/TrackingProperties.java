package io.milepost.notifier.tracking;

import io.milepost.notifier.job.Job;
import io.milepost.schemas.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param detailsFor how long after a job closed (reached a terminal stage) its tracking link still
 *     shows the job: a link in an old text should not show someone's car or address for ever.
 *     Afterwards the page only says the job is closed, and live updates are refused.
 */
@ConfigurationProperties("milepost.tracking")
public record TrackingProperties(@DefaultValue("P14D") Duration detailsFor) {

  /** Whether the link still shows {@code job}'s details at {@code now}. */
  boolean showsDetails(Job job, Instant now) {
    Instant closed = closedAt(job);
    return closed == null || now.isBefore(closed.plus(detailsFor));
  }

  /**
   * When the job closed: when it entered its terminal stage as the timeline says (the business's
   * own time), else when it was stored; null while it is open.
   */
  static Instant closedAt(Job job) {
    if (!job.stage().terminal()) {
      return null;
    }
    Instant entered = null;
    for (TimelineEntry entry : job.timeline()) {
      if (entry.stage() == job.stage()
          && entry.enteredAt() != null
          && (entered == null || entry.enteredAt().isAfter(entered))) {
        entered = entry.enteredAt();
      }
    }
    return entered != null ? entered : job.updatedAt();
  }
}
