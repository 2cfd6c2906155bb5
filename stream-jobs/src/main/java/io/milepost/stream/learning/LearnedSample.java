package io.milepost.stream.learning;

import io.milepost.schemas.Journey;
import io.milepost.schemas.Stage;

/**
 * The learner's state for one stage at one location: a ring of the latest passages' durations in
 * milliseconds ({@link #SKIPPED} for a job that went past the stage), what was last published, and
 * the one timer. A mutable Flink POJO: {@link Learning} updates it in place. Bounded: {@code
 * --eta-window} longs (200 by default: 1.6 KB) and a few fields.
 */
public class LearnedSample {
  /** A passage that skipped the stage. */
  public static final long SKIPPED = -1;

  public String tenantId;
  public String locationId;
  public Journey journey;
  public Stage stage;

  /** The ring of passages; {@link #next} is where the next one goes. */
  public long[] window;

  public int next;
  public int size;

  /** The latest passage's event time, in epoch milliseconds. */
  public long lastAt;

  /** Whether stats were published, and which. */
  public boolean published;

  public Long publishedMillis;
  public double publishedShare;

  /** The event-time timer this key holds, 0 when none. */
  public long wakeAt;

  public LearnedSample() {}
}
