package io.milepost.notifier.customer;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Quiet hours on the local clock, e.g. 21:00–08:00: from {@code start} (inclusive) to {@code end}
 * (exclusive), crossing midnight when start is after end. Equal start and end: no quiet hours.
 */
public record QuietWindow(LocalTime start, LocalTime end) {
  public static final QuietWindow DEFAULT =
      new QuietWindow(LocalTime.of(21, 0), LocalTime.of(8, 0));

  public QuietWindow {
    if (start == null || end == null) {
      throw new IllegalArgumentException("quiet hours need a start and an end");
    }
  }

  /**
   * When quiet hours end, if {@code at} falls inside them on the clocks of {@code zone}; empty when
   * it does not (a text may go now). Read on the wall clock: on the night the clocks change, 21:00
   * to 08:00 is 10 or 12 hours, not 11. An end inside a DST gap moves on by the gap's length; an
   * end inside the repeated hour of a fall-back is taken in the offset in force at {@code at}, so
   * it is never before {@code at}.
   */
  public Optional<Instant> endIfInside(Instant at, ZoneId zone) {
    if (start.equals(end)) {
      return Optional.empty();
    }
    ZonedDateTime local = at.atZone(zone);
    LocalTime time = local.toLocalTime();
    LocalDate endDate;
    if (start.isBefore(end)) {
      if (time.isBefore(start) || !time.isBefore(end)) {
        return Optional.empty();
      }
      endDate = local.toLocalDate();
    } else if (!time.isBefore(start)) {
      endDate = local.toLocalDate().plusDays(1);
    } else if (time.isBefore(end)) {
      endDate = local.toLocalDate();
    } else {
      return Optional.empty();
    }
    Instant ends =
        ZonedDateTime.ofLocal(LocalDateTime.of(endDate, end), zone, local.getOffset()).toInstant();
    return ends.isAfter(at) ? Optional.of(ends) : Optional.empty();
  }

  @Override
  public String toString() {
    return start + "–" + end;
  }
}
