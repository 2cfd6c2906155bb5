package io.milepost.stream.dedupe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The bound on the event ids a job remembers for dedupe.
 *
 * <p>Only accepted events are remembered, and a job accepts a handful of changes in its life (a
 * stage each, plus a few amended notes or ETAs), so {@link #DEFAULT_LIMIT} keeps every id of nearly
 * every job. When a chatty job overflows it, the ids with the oldest {@code occurredAt} go: a
 * replay of such an old event is still harmless, because the stage machine ignores an earlier stage
 * and a same-stage event older than the job's latest change. The bound only caps what a misbehaving
 * producer can make a single key cost; the state of a finished job is dropped whole.
 */
public final class SeenEvents {
  public static final int DEFAULT_LIMIT = 64;

  private SeenEvents() {}

  /**
   * The ids to forget so that at most {@code limit} remain: those that occurred first (ties broken
   * by id, so every replica forgets the same ones).
   *
   * @param seen event id to the epoch milliseconds it occurred at
   */
  public static List<String> overflow(Iterable<Map.Entry<String, Long>> seen, int limit) {
    List<Map.Entry<String, Long>> entries = new ArrayList<>();
    seen.forEach(entries::add);
    if (entries.size() <= limit) {
      return List.of();
    }
    return entries.stream()
        .sorted(
            Comparator.comparing(Map.Entry<String, Long>::getValue)
                .thenComparing(Map.Entry::getKey))
        .limit(entries.size() - (long) limit)
        .map(Map.Entry::getKey)
        .toList();
  }
}
