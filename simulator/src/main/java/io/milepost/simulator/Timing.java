package io.milepost.simulator;

import java.time.Duration;
import java.util.Random;

/**
 * Every duration and share the simulated businesses draw from, in one place, each with why it has
 * the shape it has. They differ from the engine's default SLAs (ARCHITECTURE.md, "The progress
 * engine") on purpose: those are a starting point, these are what the shops and the depot actually
 * do, so an engine that learns from completed stages has something to learn, and one that trusts
 * the defaults is measurably wrong.
 *
 * <p>Work durations are drawn for a location of pace 1 and stretched by the location's {@link
 * Location#pace()}; waits on the customer (an approval, a pick-up) are not, the customer does not
 * know which shop is slow.
 */
final class Timing {
  private Timing() {}

  /**
   * A long-tailed duration: log-normal around {@code median}, {@code sigma} the spread of its
   * logarithm (0.4 a steady task, above 1 a wait that sometimes takes days), clamped to {@code
   * [min, max]} so one draw cannot run for weeks.
   */
  record Spread(Duration median, double sigma, Duration min, Duration max) {
    Spread {
      if (sigma < 0 || min.compareTo(median) > 0 || max.compareTo(median) < 0) {
        throw new IllegalArgumentException("not a spread: " + median + " " + min + " " + max);
      }
    }

    /** A draw for a location of pace 1, to the second. */
    Duration draw(Random random) {
      return draw(random, 1.0);
    }

    /** A draw stretched by {@code pace}; the clamp is stretched too. */
    Duration draw(Random random, double pace) {
      double seconds = median.toSeconds() * Math.exp(sigma * random.nextGaussian()) * pace;
      double low = min.toSeconds() * pace;
      double high = max.toSeconds() * pace;
      return Duration.ofSeconds(Math.round(Math.max(low, Math.min(high, seconds))));
    }

    /** The median at {@code pace}: what someone who knows the shop would quote. */
    Duration median(double pace) {
      return Duration.ofSeconds(Math.round(median.toSeconds() * pace));
    }
  }

  private static Spread spread(int medianMinutes, double sigma, int minMinutes, int maxMinutes) {
    return new Spread(
        Duration.ofMinutes(medianMinutes),
        sigma,
        Duration.ofMinutes(minMinutes),
        Duration.ofMinutes(maxMinutes));
  }

  // ---- the service lane (vehicle-service); default SLA in brackets -----------------------------

  /** CHECKED_IN [15 min]: writing up the order; a queue at the desk in the morning rush. */
  static final Spread WRITE_UP = spread(12, 0.5, 3, 90);

  /** DIAGNOSING [60 min]: most faults show within the hour; intermittent ones take a morning. */
  static final Spread DIAGNOSIS = spread(55, 0.5, 15, 6 * 60);

  /**
   * AWAITING_APPROVAL [2 h]: the customer's reply. Most answer within the hour, some only after
   * work or the next day: a long tail the shop cannot shorten.
   */
  static final Spread APPROVAL = spread(40, 1.1, 5, 2 * 24 * 60);

  /**
   * WAITING_FOR_PARTS [24 h]: the distributor. Same day from the local warehouse, the next day from
   * the region, days for a back-ordered part: median 6 h, one in ten past a day, a few past three
   * days. The default SLA is right about the tail and wrong about the typical job.
   */
  static final Spread PARTS = spread(6 * 60, 1.1, 45, 6 * 24 * 60);

  /** IN_REPAIR [3 h]: mostly under the SLA; a seized bolt or a second fault doubles it. */
  static final Spread REPAIR = spread(120, 0.6, 30, 2 * 24 * 60);

  /** QUALITY_CHECK [30 min]: a road test and the paperwork, steady. */
  static final Spread QUALITY_CHECK = spread(25, 0.4, 10, 3 * 60);

  /**
   * READY_FOR_PICKUP [24 h]: the customer comes after work, or tomorrow. Waits on the customer, so
   * no location pace and no silence.
   */
  static final Spread PICKUP = spread(3 * 60, 1.0, 10, 4 * 24 * 60);

  /** Cars ready but not collected by the end of the script: the job stays open. */
  static final double NEVER_COLLECTED = 0.1;

  /** A car without an estimate still gets one when the diagnosis finds more. */
  static final double UNPLANNED_ESTIMATE = 0.2;

  /** Jobs whose concern needs parts that are not on the shelf. */
  static final double PARTS_NOT_IN_STOCK = 0.8;

  /** The DMS posts the distributor's delivery date, as an explicit ETA, on half the parts waits. */
  static final double PARTS_ETA_POSTED = 0.5;

  /** Springfield: the reference shop. */
  static final double SPRINGFIELD_PACE = 1.0;

  /**
   * Shelbyville: two technicians short and one lift down, so every piece of work takes about 1.6
   * times as long, including chasing parts. Its promises are made as if it were Springfield.
   */
  static final double SHELBYVILLE_PACE = 1.6;

  // ---- the parcel depot (delivery)
  // ---------------------------------------------------------------

  /** CREATED [12 h]: the sender hands the parcel over; the same afternoon, sometimes tomorrow. */
  static final Spread HANDOVER = spread(120, 0.9, 15, 2 * 24 * 60);

  /** PICKED_UP [2 h]: the van's way back to the depot. */
  static final Spread TO_DEPOT = spread(35, 0.5, 10, 6 * 60);

  /** IN_TRANSIT [24 h]: the line haul to the delivery depot, hours, not a day. */
  static final Spread LINE_HAUL = spread(4 * 60, 0.6, 60, 3 * 24 * 60);

  /** OUT_FOR_DELIVERY [4 h]: where on the driver's round the address is. */
  static final Spread ROUND = spread(120, 0.5, 15, 9 * 60);

  /** DELIVERY_FAILED: the next attempt goes out the next morning, rarely the day after. */
  static final Spread NEXT_ATTEMPT = spread(15 * 60 + 30, 0.15, 12 * 60, 2 * 24 * 60);

  /** DELIVERY_FAILED: after a second failure the parcel goes back to the sender within hours. */
  static final Spread RETURN = spread(120, 0.4, 60, 8 * 60);

  /** The route planner's ETA on OUT_FOR_DELIVERY, when it sends one. */
  static final double ROUND_ETA_POSTED = 0.7;

  /**
   * depot-north: apartments and offices in the city, nobody home during the day, so about one first
   * attempt in five fails, and one retry in three.
   */
  static final double DEPOT_NORTH_FIRST_ATTEMPT_FAILS = 0.2;

  static final double DEPOT_NORTH_SECOND_ATTEMPT_FAILS = 0.3;

  static final double DEPOT_NORTH_PACE = 1.0;

  // ---- silences: jobs nobody reports on for hours, then resume
  // -----------------------------------

  /**
   * The engine's default silence limit (ARCHITECTURE.md): the ground truth calls a gap longer than
   * this in a stage that waits on the business a silence, as the engine would.
   */
  static final Duration SILENCE_LIMIT = Duration.ofHours(2);

  /**
   * How often a producer reports progress in a long stage (a hub scan, the distributor's tracking,
   * a technician's note, a reminder about an estimate): always inside the silence limit, because
   * the businesses simulated mean to keep their customers informed.
   */
  static final Spread UPDATE_GAP = spread(75, 0.2, 40, 110);

  /**
   * Share of long stages nobody reports on: the advisor forgets, the feed is down. Most silences
   * come from here.
   */
  static final double UNREPORTED = 0.05;

  /**
   * Share of repairs and line hauls that stall without a word: the car waits for a lift while the
   * technician is pulled to another job, the parcel sits at a hub. The stage then resumes.
   */
  static final double STALL = 0.12;

  /**
   * How long a stall adds, without updates: always past the silence limit, sometimes the rest of
   * the day.
   */
  static final Spread STALL_LENGTH = spread(3 * 60, 0.4, 135, 10 * 60);

  // ---- promises
  // -----------------------------------------------------------------------------------

  /**
   * What the service advisor quotes for the parts: "arriving this afternoon". Optimistic: the
   * median wait is longer, so parts jobs break their promises most.
   */
  static final Duration QUOTED_PARTS = Duration.ofHours(6);

  /**
   * The advisor's margin on top of the quote (the sum of Springfield's medians for the planned
   * work): enough for a typical job, not for a long tail or a slow shop.
   */
  static final Duration ADVISOR_MARGIN = Duration.ofMinutes(150);

  /** The depot promises delivery within this of the parcel's creation ("today by 6 pm"). */
  static final Duration DELIVERY_PROMISE = Duration.ofHours(14);
}
