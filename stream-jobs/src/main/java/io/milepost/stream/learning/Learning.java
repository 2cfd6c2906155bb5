package io.milepost.stream.learning;

import io.milepost.stream.eta.StageStats;
import java.util.Arrays;

/**
 * What a stage's latest passages teach, as pure functions over a {@link LearnedSample}: a rolling
 * window of the last {@code capacity} passages (durations, or "skipped"), their percentile and the
 * share of jobs that went through the stage, and whether that changed enough to publish.
 */
public final class Learning {
  private Learning() {}

  /** A typical duration that moves by more than this fraction of the published one is news. */
  public static final double MATERIAL_DURATION_CHANGE = 0.10;

  /** A share that moves by at least this much from the published one is news. */
  public static final double MATERIAL_SHARE_CHANGE = 0.05;

  /** Adds a passage, forgetting the oldest beyond {@code capacity}. */
  public static void add(LearnedSample sample, StagePassage passage, int capacity) {
    if (sample.window == null || sample.window.length != capacity) {
      long[] kept = ordered(sample);
      long[] window = new long[capacity];
      int from = Math.max(0, kept.length - capacity);
      int size = kept.length - from;
      System.arraycopy(kept, from, window, 0, size);
      sample.window = window;
      sample.size = size;
      sample.next = size % capacity;
    }
    sample.window[sample.next] =
        passage.entered() ? Math.max(0, passage.durationMillis()) : LearnedSample.SKIPPED;
    sample.next = (sample.next + 1) % capacity;
    sample.size = Math.min(sample.size + 1, capacity);
  }

  /** {@link #stats(LearnedSample, int, int)} from a single duration on. */
  public static StageStats stats(LearnedSample sample, int percentile) {
    return stats(sample, percentile, 1);
  }

  /**
   * The stats of the window: the {@code percentile} (1 to 100, nearest rank) of the durations of
   * passages that entered the stage, if at least {@code minSamples} did (else null: the SLA stands
   * for the duration, while the share is known), and the share that entered.
   */
  public static StageStats stats(LearnedSample sample, int percentile, int minSamples) {
    long[] durations = Arrays.stream(ordered(sample)).filter(d -> d >= 0).sorted().toArray();
    Long typical = null;
    if (durations.length > 0 && durations.length >= minSamples) {
      int rank = (int) Math.ceil(percentile / 100.0 * durations.length);
      typical = durations[Math.min(durations.length, Math.max(1, rank)) - 1];
    }
    double share = sample.size == 0 ? 0 : (double) durations.length / sample.size;
    return new StageStats(
        sample.tenantId,
        sample.locationId,
        sample.journey,
        sample.stage,
        typical,
        share,
        durations.length,
        sample.size);
  }

  /**
   * Whether {@code stats} are worth publishing: enough passages, and never published, or the
   * typical duration or the share moved materially from what was published. Every passage would
   * otherwise broadcast to every subtask and touch every open job of the location.
   */
  public static boolean material(LearnedSample sample, StageStats stats, int minSamples) {
    if (stats.passages() < minSamples) {
      return false;
    }
    if (!sample.published) {
      return true;
    }
    if (Math.abs(stats.share() - sample.publishedShare) >= MATERIAL_SHARE_CHANGE) {
      return true;
    }
    Long before = sample.publishedMillis;
    Long now = stats.typicalMillis();
    if (before == null || now == null) {
      return before != now;
    }
    return Math.abs(now - before) > MATERIAL_DURATION_CHANGE * before;
  }

  /** Remembers what was published. */
  public static void published(LearnedSample sample, StageStats stats) {
    sample.published = true;
    sample.publishedMillis = stats.typicalMillis();
    sample.publishedShare = stats.share();
  }

  /** The window's passages, oldest first. */
  private static long[] ordered(LearnedSample sample) {
    if (sample.window == null || sample.size == 0) {
      return new long[0];
    }
    long[] ordered = new long[sample.size];
    int start = (sample.next - sample.size + sample.window.length) % sample.window.length;
    for (int i = 0; i < sample.size; i++) {
      ordered[i] = sample.window[(start + i) % sample.window.length];
    }
    return ordered;
  }
}
