package io.milepost.notifier.board;

import io.milepost.schemas.Alert;
import io.milepost.schemas.AlertKind;
import io.milepost.schemas.Stage;
import io.milepost.schemas.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What makes a job stand out on the board, and the order cards are shown in: pure decisions, so the
 * board, its fragments and the tests agree.
 */
final class Standout {
  private Standout() {}

  /**
   * Why a card stands out, most urgent first: the declaration order is the sort order and the order
   * badges are shown in. Each has its colour and its own words (never colour alone).
   */
  enum Flag {
    /** The stage took longer than it should (STAGE_OVERRUN alert). */
    OVERRUN,
    /** The promise passed, or the ETA is after it. */
    LATE,
    /** The engine expects to miss the promise (DELAY_RISK alert). */
    AT_RISK,
    /** No news from the shop floor for too long (SILENCE alert). */
    SILENT,
    /** The customer cannot get texts: opted out, invalid number, landline. */
    UNREACHABLE,
    /** The customer said something nobody has marked seen. */
    REPLIED;

    /** The CSS class and bundle key suffix, e.g. {@code at-risk}. */
    String slug() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  /** What a decision needs to know about one open job. */
  record Facts(
      Stage stage,
      List<TimelineEntry> timeline,
      Instant etaAt,
      Instant promisedAt,
      List<Alert> alerts,
      boolean unreachable,
      int unseenReplies) {}

  /** The flags of a job at {@code now}, most urgent first. */
  static Set<Flag> flags(Facts job, Instant now) {
    Set<Flag> flags = EnumSet.noneOf(Flag.class);
    for (Alert alert : job.alerts()) {
      if (alert.kind() == AlertKind.STAGE_OVERRUN) {
        flags.add(Flag.OVERRUN);
      } else if (alert.kind() == AlertKind.DELAY_RISK) {
        flags.add(Flag.AT_RISK);
      } else if (alert.kind() == AlertKind.SILENCE) {
        flags.add(Flag.SILENT);
      }
    }
    if (isLate(job.etaAt(), job.promisedAt(), now)) {
      flags.add(Flag.LATE);
    }
    if (job.unreachable()) {
      flags.add(Flag.UNREACHABLE);
    }
    if (job.unseenReplies() > 0) {
      flags.add(Flag.REPLIED);
    }
    return flags;
  }

  /** Late: the promise has passed, or the ETA now lies after it. Without a promise, never. */
  static boolean isLate(Instant etaAt, Instant promisedAt, Instant now) {
    if (promisedAt == null) {
      return false;
    }
    return now.isAfter(promisedAt) || (etaAt != null && etaAt.isAfter(promisedAt));
  }

  /**
   * How long the job has been in its current stage: since the latest timeline entry of that stage
   * (a parcel back in transit after a failed attempt counts from its return); null when the
   * timeline does not say.
   */
  static Duration timeInStage(Stage stage, List<TimelineEntry> timeline, Instant now) {
    Instant entered = null;
    for (TimelineEntry entry : timeline) {
      if (entry.stage() == stage && (entered == null || entry.enteredAt().isAfter(entered))) {
        entered = entry.enteredAt();
      }
    }
    if (entered == null) {
      return null;
    }
    Duration in = Duration.between(entered, now);
    return in.isNegative() ? Duration.ZERO : in;
  }

  /** The rank of the most urgent flag; past every flag when there is none. */
  static int mostUrgent(Set<Flag> flags) {
    return flags.stream().mapToInt(Enum::ordinal).min().orElse(Flag.values().length);
  }

  /** Red: the job is late or overran its stage; amber: at risk or silent; else none. */
  static String tone(Set<Flag> flags) {
    if (flags.contains(Flag.OVERRUN) || flags.contains(Flag.LATE)) {
      return "red";
    }
    if (flags.contains(Flag.AT_RISK) || flags.contains(Flag.SILENT)) {
      return "amber";
    }
    if (flags.contains(Flag.UNREACHABLE)) {
      return "grey";
    }
    return flags.contains(Flag.REPLIED) ? "blue" : "none";
  }

  /**
   * The board's order as a key the page can compare as text, so a card re-rendered live lands where
   * a full load puts it: jobs that stand out first, the most urgent flag first (an overrun before a
   * mere reply), then more flags before fewer, then the longest in its stage, then by job id.
   */
  static String sortKey(Set<Flag> flags, Duration inStage, String jobId) {
    long minutes = inStage == null ? 0 : Math.min(inStage.toMinutes(), 99_999_999L);
    return String.format(
        java.util.Locale.ROOT,
        "%02d-%02d-%08d-%s",
        mostUrgent(flags),
        Flag.values().length - flags.size(),
        99_999_999L - minutes,
        jobId);
  }
}
