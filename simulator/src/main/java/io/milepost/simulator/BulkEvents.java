package io.milepost.simulator;

import io.milepost.schemas.OpsEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * An endless, lazily generated stream of valid events from many overlapping jobs, in event-time
 * order across all jobs (so watermarks behave as in production). Only the jobs in progress are in
 * memory: about 30,000 pending events at any time (seed 3, over a million events), however long the
 * stream runs.
 */
public final class BulkEvents {
  /** Mean simulated time between two new jobs. */
  private static final int MEAN_ARRIVAL_GAP_SECONDS = 20;

  private BulkEvents() {}

  /** Take what you need with {@link Stream#limit(long)}. Deterministic for a seed and a start. */
  public static Stream<SimulatedEvent> stream(long seed, Instant start) {
    return stream(seed, start, 0);
  }

  /**
   * @param firstSequence job numbers start here: two streams with distinct ranges never share a job
   *     id, so one's events cannot land on the other's jobs
   */
  public static Stream<SimulatedEvent> stream(long seed, Instant start, long firstSequence) {
    return stream(seed, start, firstSequence, truth -> {});
  }

  /**
   * The same stream, handing each job's {@link GroundTruth} to {@code onJob} when the job is
   * scripted: before its first event is streamed, and for every job started before the stream's
   * last event, even if the stream is cut off before the job's end.
   */
  public static Stream<SimulatedEvent> stream(
      long seed, Instant start, long firstSequence, Consumer<GroundTruth> onJob) {
    return events(seed, start, firstSequence, onJob).map(Jobs::original);
  }

  private static Stream<OpsEvent> events(
      long seed, Instant start, long firstSequence, Consumer<GroundTruth> onJob) {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(
            new Merger(new Random(seed), start, firstSequence, onJob),
            Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  /**
   * The latest start from which the first {@code events} events of {@code seed}'s stream all happen
   * at or before {@code now}: bulk loads may be stamped in the past, never in the future, where a
   * receiver would refuse them (see {@code EventClock}). Costs one extra pass over the events,
   * without keeping them.
   */
  public static Instant startEndingBy(long seed, long events, Instant now) {
    return now.minus(span(seed, events)).truncatedTo(ChronoUnit.SECONDS);
  }

  /**
   * How much event time the first {@code events} events of {@code seed}'s stream cover. The same
   * from any start and for any first job number: those change ids and rounded promises, never the
   * gaps between events.
   */
  static Duration span(long seed, long events) {
    if (events <= 0) {
      return Duration.ZERO;
    }
    Instant start = Instant.EPOCH;
    // Not encoded: only the times are wanted, and encoding is most of the cost of an event.
    Instant last =
        events(seed, start, 0, truth -> {})
            .limit(events)
            .reduce((first, second) -> second)
            .orElseThrow()
            .occurredAt();
    return Duration.between(start, last);
  }

  private static final class Merger implements Iterator<OpsEvent> {
    private record Pending(OpsEvent event, long order) {}

    private final Random random;
    private final PriorityQueue<Pending> pending =
        new PriorityQueue<>(
            (a, b) -> {
              int byTime = a.event().occurredAt().compareTo(b.event().occurredAt());
              return byTime != 0 ? byTime : Long.compare(a.order(), b.order());
            });
    private Instant nextJobStart;
    private long sequence;
    private long order;
    private final Consumer<GroundTruth> onJob;

    Merger(Random random, Instant start, long firstSequence, Consumer<GroundTruth> onJob) {
      this.random = random;
      this.onJob = onJob;
      this.nextJobStart = start;
      this.sequence = firstSequence;
    }

    @Override
    public boolean hasNext() {
      return true;
    }

    @Override
    public OpsEvent next() {
      // Start every job due before the earliest pending event, so nothing is emitted early.
      while (pending.isEmpty() || !pending.peek().event().occurredAt().isBefore(nextJobStart)) {
        List<OpsEvent> job = Jobs.next(random, sequence++, nextJobStart);
        onJob.accept(GroundTruth.of(job));
        for (OpsEvent event : job) {
          pending.add(new Pending(event, order++));
        }
        nextJobStart = nextJobStart.plusSeconds(1 + random.nextInt(2 * MEAN_ARRIVAL_GAP_SECONDS));
      }
      Pending head = pending.poll();
      if (head == null) {
        throw new NoSuchElementException();
      }
      return head.event();
    }
  }
}
