package io.milepost.simulator;

import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.WireCodec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import tools.jackson.databind.node.ObjectNode;

/**
 * A day of both businesses: jobs arrive during the morning rush and run their course; a few events
 * are sent twice (producer retries) and some are malformed (a producer sending a stage the contract
 * does not know). Deterministic for a seed and a start instant.
 */
public final class SimulatedDay {

  /** Check-ins and parcel creations spread over the first hours of the day. */
  private static final Duration ARRIVALS = Duration.ofMinutes(150);

  /**
   * @param firstSequence job numbers start here; distinct days of one run should not overlap
   */
  public record Options(
      long seed, int jobs, int duplicates, int malformed, Instant start, long firstSequence) {
    public Options {
      if (jobs < 1) {
        throw new IllegalArgumentException("jobs must be at least 1, was " + jobs);
      }
      if (duplicates < 0 || malformed < 0) {
        throw new IllegalArgumentException("duplicates and malformed must not be negative");
      }
    }
  }

  /** Where the simulated businesses open their doors, and when. */
  private static final ZoneId HOME = ZoneId.of("America/Chicago");

  private static final LocalTime OPENING = LocalTime.of(7, 30);

  private SimulatedDay() {}

  /** The opening time of the business day that {@code now} is in (today's, or yesterday's). */
  public static Instant openingOf(Instant now) {
    ZonedDateTime opening = now.atZone(HOME).with(OPENING);
    return (opening.toInstant().isAfter(now) ? opening.minusDays(1) : opening).toInstant();
  }

  /** The first opening time after {@code instant}: where the next simulated day starts. */
  public static Instant openingAfter(Instant instant) {
    ZonedDateTime opening = instant.atZone(HOME).with(OPENING);
    return (opening.toInstant().isAfter(instant) ? opening : opening.plusDays(1)).toInstant();
  }

  /** The same local time in the businesses' time zone, {@code days} later. */
  public static Instant daysAfter(Instant start, int days) {
    return start.atZone(HOME).plusDays(days).toInstant();
  }

  /** The opening time {@code days} business days before the one {@code now} is in. */
  public static Instant openingDaysBefore(Instant now, int days) {
    return openingOf(now).atZone(HOME).minusDays(days).toInstant();
  }

  /**
   * A day's records and the truth of its jobs.
   *
   * @param events every record in the order a producer would send them
   * @param truth one per job, in the order the jobs were scripted
   */
  public record Script(List<SimulatedEvent> events, List<GroundTruth> truth) {}

  /** Every record of the day in the order a producer would send them. */
  public static List<SimulatedEvent> generate(Options options) {
    return script(options).events();
  }

  /** The day's records and what actually happened to each of its jobs. */
  public static Script script(Options options) {
    Random random = new Random(options.seed());
    List<SimulatedEvent> originals = new ArrayList<>();
    List<GroundTruth> truth = new ArrayList<>();
    for (int job = 0; job < options.jobs(); job++) {
      Instant start = options.start().plusSeconds(random.nextInt((int) ARRIVALS.toSeconds() + 1));
      List<OpsEvent> events = Jobs.next(random, options.firstSequence() + job, start);
      truth.add(GroundTruth.of(events));
      for (OpsEvent event : events) {
        originals.add(Jobs.original(event));
      }
    }

    List<SimulatedEvent> all = new ArrayList<>(originals);
    for (SimulatedEvent original : pickDistinct(random, originals, options.duplicates())) {
      all.add(duplicateOf(random, original));
    }
    for (SimulatedEvent original : pickDistinct(random, originals, options.malformed())) {
      all.add(malformedAfter(random, original));
    }
    // Stable: events of one job with equal send times keep their order.
    all.sort(Comparator.comparing(SimulatedEvent::sentAt));
    return new Script(List.copyOf(all), List.copyOf(truth));
  }

  /**
   * {@code days} consecutive days from {@code first}, merged in send order: day n (from 0) plays
   * seed + n from the same local time n days later, its job numbers following the previous day's. A
   * week of traffic with its truth, for replays that score predictions.
   */
  public static Script days(Options first, int days) {
    List<SimulatedEvent> events = new ArrayList<>();
    List<GroundTruth> truth = new ArrayList<>();
    for (int day = 0; day < days; day++) {
      Script script =
          script(
              new Options(
                  first.seed() + day,
                  first.jobs(),
                  first.duplicates(),
                  first.malformed(),
                  daysAfter(first.start(), day),
                  first.firstSequence() + (long) day * first.jobs()));
      events.addAll(script.events());
      truth.addAll(script.truth());
    }
    // Stable: each day's order is kept where send times are equal.
    events.sort(Comparator.comparing(SimulatedEvent::sentAt));
    return new Script(List.copyOf(events), List.copyOf(truth));
  }

  private static List<SimulatedEvent> pickDistinct(
      Random random, List<SimulatedEvent> from, int count) {
    List<SimulatedEvent> pool = new ArrayList<>(from);
    List<SimulatedEvent> picked = new ArrayList<>();
    for (int i = 0; i < count && !pool.isEmpty(); i++) {
      picked.add(pool.remove(random.nextInt(pool.size())));
    }
    return picked;
  }

  private static SimulatedEvent duplicateOf(Random random, SimulatedEvent original) {
    return new SimulatedEvent(
        original.key(),
        original.payload(),
        original.sentAt().plusSeconds(5 + random.nextInt(85)),
        original.event(),
        SimulatedEvent.Kind.DUPLICATE,
        original.event().stage() + " again (duplicate of " + original.event().eventId() + ")");
  }

  /**
   * A follow-up from the same producer that names a stage its own system invented: valid JSON,
   * invalid against the contract, so it must land on the dead-letter topic.
   */
  private static SimulatedEvent malformedAfter(Random random, SimulatedEvent original) {
    ObjectNode node = WireCodec.MAPPER.valueToTree(original.event());
    node.remove("customer");
    node.remove("promisedAt");
    node.put("eventId", original.event().eventId() + "-bad");
    node.put("stage", "PARTS_ARRIVED");
    node.put("note", "Parts arrived early");
    return new SimulatedEvent(
        original.key(),
        WireCodec.MAPPER.writeValueAsBytes(node),
        original.sentAt().plusSeconds(30 + random.nextInt(300)),
        null,
        SimulatedEvent.Kind.MALFORMED,
        "PARTS_ARRIVED (malformed: not a stage of the contract)");
  }
}
