package io.milepost.simulator;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Plays a simulated day of a service lane and a parcel depot against Kafka (or the HTTP ingest),
 * compressed in time, printing one line per record and a summary. Every event is stamped with the
 * wall-clock time it is sent at, and the day's durations are compressed instead (at 600× a two-hour
 * repair takes twelve seconds), so receivers that refuse events from the future take them.
 *
 * <p>Options (each also read from the environment variable in brackets):
 *
 * <ul>
 *   <li>{@code --bootstrap-servers host:port} [KAFKA_BOOTSTRAP_SERVERS], default localhost:9092
 *   <li>{@code --jobs N} jobs per day [MILEPOST_SIM_JOBS], default 12
 *   <li>{@code --speed X} simulated seconds per real second [MILEPOST_SIM_SPEED], default 600
 *   <li>{@code --seed N} [MILEPOST_SIM_SEED], default the current epoch second (printed); day n of
 *       a loop uses seed + n
 *   <li>{@code --duplicates N} exact re-sends per day, default 3
 *   <li>{@code --malformed N} contract-violating events per day, default 1
 *   <li>{@code --once} (default) or {@code --loop} to play day after day until stopped
 *   <li>{@code --start ISO-instant} simulated start of the first day, default the opening time
 *       (07:30 in Chicago) of the current business day; it sets the time of day the script plays,
 *       not the stamps. With {@code --bulk} it is the first event's stamp, default as late as lets
 *       the last event be stamped now
 *   <li>{@code --ingest-url URL} post to the HTTP ingest instead of Kafka, with {@code --api-key
 *       KEY} or {@code --api-key tenant:key,tenant:key} [MILEPOST_SIM_API_KEYS]
 *   <li>{@code --bulk N} send N events as fast as possible (no pacing, no duplicates) and exit
 *   <li>{@code --days N} send N whole days of {@code --jobs} jobs each, unpaced, stamped with their
 *       simulated times (not compressed): day 1 opens N days before today (or at {@code --start}),
 *       events after now are held back; then exit
 *   <li>{@code --truth FILE} write each job's {@link GroundTruth} there, one JSON line per job
 * </ul>
 */
public final class SimulatorMain {
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private final Options options;
  private final PrintStream out;
  private final Clock clock;
  private final CompressedClock.Sleeper sleeper;

  /**
   * @param clock the wall clock events are stamped with
   * @param sleeper how to wait for an event's time; tests move their clock instead
   */
  SimulatorMain(Options options, PrintStream out, Clock clock, CompressedClock.Sleeper sleeper) {
    this.options = options;
    this.out = out;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("simulator: " + e.getMessage());
      System.err.println(
          "usage: simulator [--bootstrap-servers host:port | --ingest-url URL --api-key KEY]"
              + " [--jobs N] [--speed X] [--seed N] [--duplicates N] [--malformed N]"
              + " [--once | --loop] [--start ISO-instant] [--bulk N | --days N] [--truth FILE]");
      System.exit(2);
      return;
    }
    int failures;
    try (TruthFile truth =
            options.truth() == null ? TruthFile.NONE : TruthFile.open(options.truth());
        EventSink sink = options.sink()) {
      SimulatorMain simulator =
          new SimulatorMain(options, System.out, Clock.systemUTC(), CompressedClock.THREAD_SLEEP);
      if (options.bulk() > 0) {
        failures = simulator.bulk(sink, truth);
      } else if (options.days() > 0) {
        failures = simulator.days(sink, truth);
      } else {
        failures = simulator.play(sink, truth);
      }
    }
    System.exit(failures == 0 ? 0 : 1);
  }

  /** Plays one day, or days until interrupted with {@code --loop}; returns the failed sends. */
  int play(EventSink sink) throws InterruptedException {
    return play(sink, TruthFile.NONE);
  }

  /**
   * Plays as {@link #play(EventSink)}, writing each day's truth when the day is scripted, its times
   * on the wall clock the events are stamped with.
   */
  int play(EventSink sink, TruthFile truth) throws InterruptedException {
    int failures = 0;
    // Check-ins at midnight would look odd: the script's day starts when the businesses open.
    Instant dayStart =
        options.start() != null
            ? options.start()
            : SimulatedDay.openingOf(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    for (int day = 0; day == 0 || options.loop(); day++) {
      SimulatedDay.Script script =
          SimulatedDay.script(
              new SimulatedDay.Options(
                  options.seed() + day,
                  options.jobs(),
                  options.duplicates(),
                  options.malformed(),
                  dayStart,
                  // Job numbers keep growing from day to day, so a loop never reuses a job id.
                  Math.floorMod(options.seed(), 10_000) * 1_000L + (long) day * options.jobs()));
      List<SimulatedEvent> events = script.events();
      out.printf(
          "Day %d (seed %d): %d records for %d jobs, simulated from %s at %.0fx speed (about %s"
              + " real), stamped with the wall clock%n",
          day + 1,
          options.seed() + day,
          events.size(),
          options.jobs(),
          CLOCK.format(dayStart),
          options.speed(),
          format(realDuration(dayStart, events.get(events.size() - 1).sentAt())));
      failures += playDay(sink, script, dayStart, truth);
      dayStart = SimulatedDay.openingAfter(events.get(events.size() - 1).sentAt());
    }
    return failures;
  }

  private int playDay(EventSink sink, SimulatedDay.Script script, Instant dayStart, TruthFile truth)
      throws InterruptedException {
    List<SimulatedEvent> events = script.events();
    CompressedClock clock = new CompressedClock(dayStart, options.speed(), this.clock, sleeper);
    truth.writeAll(script.truth(), clock::toWall);
    WallClockStamps stamps = new WallClockStamps(clock);
    Map<SimulatedEvent.Kind, Integer> sent = new EnumMap<>(SimulatedEvent.Kind.class);
    Set<String> jobs = new HashSet<>();
    int failures = 0;
    int rejected = 0;
    for (SimulatedEvent event : events) {
      clock.sleepUntil(event.sentAt());
      String outcome;
      try {
        outcome = sink.send(stamps.stamp(event));
        sent.merge(event.kind(), 1, Integer::sum);
        jobs.add(event.key());
      } catch (EventSink.DeliveryException e) {
        if (event.kind() == SimulatedEvent.Kind.MALFORMED) {
          // The HTTP ingest refuses bad events at the door: that is the point of sending one.
          rejected++;
          outcome = "rejected as expected: " + e.getMessage();
        } else {
          failures++;
          outcome = "FAILED: " + e.getMessage();
        }
      }
      out.printf(
          "%s  +%s  %-28s %-60s %s%n",
          CLOCK.format(event.sentAt()),
          format(clock.realElapsed()),
          event.key(),
          event.description(),
          outcome);
    }
    out.printf(
        "Summary: %d events of %d jobs, %d duplicates, %d malformed sent (%d rejected at the"
            + " door); %d failed; %s real%n",
        sent.getOrDefault(SimulatedEvent.Kind.ORIGINAL, 0),
        jobs.size(),
        sent.getOrDefault(SimulatedEvent.Kind.DUPLICATE, 0),
        sent.getOrDefault(SimulatedEvent.Kind.MALFORMED, 0),
        rejected,
        failures,
        format(clock.realElapsed()));
    return failures;
  }

  /**
   * Sends {@code --bulk} events unpaced and pipelined, stamped in the past up to now (never after:
   * a receiver refuses events from the future); returns 1 if delivery failed, else 0.
   */
  int bulk(EventSink sink) {
    return bulk(sink, TruthFile.NONE);
  }

  /**
   * As {@link #bulk(EventSink)}, writing the truth of every job the stream scripts, including the
   * last few, whose later events fall beyond {@code --bulk} and are not sent.
   */
  int bulk(EventSink sink, TruthFile truth) {
    Instant latestStart = BulkEvents.startEndingBy(options.seed(), options.bulk(), clock.instant());
    Instant start = options.start() != null ? options.start() : latestStart;
    if (start.isAfter(latestStart)) {
      out.printf(
          "FAILED: from --start %s, %,d events would be stamped in the future; start at %s or"
              + " earlier%n",
          start, options.bulk(), latestStart);
      return 1;
    }
    long started = System.nanoTime();
    long count = 0;
    try {
      for (SimulatedEvent event :
          (Iterable<SimulatedEvent>)
              BulkEvents.stream(options.seed(), start, 0, truth::write).limit(options.bulk())
                  ::iterator) {
        sink.sendWithoutWaiting(event);
        if (++count % 100_000 == 0) {
          out.printf("%,d events sent%n", count);
        }
      }
      sink.flush();
    } catch (EventSink.DeliveryException e) {
      out.printf("FAILED after %,d events: %s%n", count, e.getMessage());
      return 1;
    } finally {
      truth.flush();
    }
    out.printf(
        "Summary: %,d events sent in %s%n",
        count, format(Duration.ofNanos(System.nanoTime() - started)));
    return 0;
  }

  /**
   * Sends {@code --days} whole simulated days, unpaced, each stamped with its simulated times: a
   * week of realistic traffic, in the past up to now, with every job's truth. Day n plays seed + n,
   * like a loop. Records that would be stamped after now are held back (their jobs are still open
   * at the end; the truth tells how they would have finished). Returns 1 if delivery failed.
   */
  int days(EventSink sink, TruthFile truth) {
    Instant now = clock.instant();
    Instant first =
        options.start() != null
            ? options.start()
            : SimulatedDay.openingDaysBefore(now, options.days());
    if (first.isAfter(now)) {
      out.printf("FAILED: --start %s is in the future%n", first);
      return 1;
    }
    SimulatedDay.Script week =
        SimulatedDay.days(
            new SimulatedDay.Options(
                options.seed(),
                options.jobs(),
                options.duplicates(),
                options.malformed(),
                first,
                // Wider apart than a loop's: a week of hundreds of jobs a day.
                Math.floorMod(options.seed(), 10_000) * 1_000_000L),
            options.days());
    truth.writeAll(week.truth(), UnaryOperator.identity());
    List<SimulatedEvent> records = week.events();
    out.printf(
        "%d days (seeds %d..%d) of %d jobs from %s: %,d records, sent unpaced, stamped with"
            + " their simulated times%n",
        options.days(),
        options.seed(),
        options.seed() + options.days() - 1,
        options.jobs(),
        first,
        records.size());
    long started = System.nanoTime();
    Map<SimulatedEvent.Kind, Integer> sent = new EnumMap<>(SimulatedEvent.Kind.class);
    int rejected = 0;
    int heldBack = 0;
    try {
      for (SimulatedEvent record : records) {
        if (record.sentAt().isAfter(now)) {
          heldBack++;
          continue;
        }
        try {
          sink.sendWithoutWaiting(record);
          sent.merge(record.kind(), 1, Integer::sum);
        } catch (EventSink.DeliveryException e) {
          if (record.kind() != SimulatedEvent.Kind.MALFORMED) {
            throw e;
          }
          rejected++; // the HTTP ingest refuses it at the door, as it should
        }
      }
      sink.flush();
    } catch (EventSink.DeliveryException e) {
      out.printf("FAILED: %s%n", e.getMessage());
      return 1;
    }
    out.printf(
        "Summary: %,d events of %,d jobs, %d duplicates, %d malformed sent (%d rejected at the"
            + " door); %,d records after now held back; %,d truth lines; %s real%n",
        sent.getOrDefault(SimulatedEvent.Kind.ORIGINAL, 0),
        (long) options.days() * options.jobs(),
        sent.getOrDefault(SimulatedEvent.Kind.DUPLICATE, 0),
        sent.getOrDefault(SimulatedEvent.Kind.MALFORMED, 0),
        rejected,
        heldBack,
        truth.written(),
        format(Duration.ofNanos(System.nanoTime() - started)));
    return 0;
  }

  private Duration realDuration(Instant from, Instant to) {
    return Duration.ofMillis((long) (Duration.between(from, to).toMillis() / options.speed()));
  }

  private static String format(Duration duration) {
    return String.format("%d:%02d", duration.toMinutes(), duration.toSecondsPart());
  }

  /**
   * The command line, resolved against the environment.
   *
   * @param start the simulated start of the first day, or null for the default (see {@link
   *     SimulatorMain#play} and {@link SimulatorMain#bulk})
   */
  record Options(
      String bootstrapServers,
      int jobs,
      double speed,
      long seed,
      int duplicates,
      int malformed,
      boolean loop,
      Instant start,
      URI ingestUrl,
      Map<String, String> apiKeys,
      long bulk,
      int days,
      Path truth) {

    static Options parse(String[] args, Map<String, String> env) {
      Map<String, String> values = new HashMap<>();
      boolean loop = false;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--loop" -> loop = true;
          case "--once" -> loop = false;
          case "--bootstrap-servers",
              "--jobs",
              "--speed",
              "--seed",
              "--duplicates",
              "--malformed",
              "--start",
              "--ingest-url",
              "--api-key",
              "--bulk",
              "--days",
              "--truth" -> {
            if (i + 1 >= args.length) {
              throw new IllegalArgumentException(arg + " needs a value");
            }
            values.put(arg, args[++i]);
          }
          default -> throw new IllegalArgumentException("unknown option " + arg);
        }
      }
      String ingest = values.get("--ingest-url");
      String keys = values.getOrDefault("--api-key", env.get("MILEPOST_SIM_API_KEYS"));
      if (ingest != null && keys == null) {
        throw new IllegalArgumentException("--ingest-url needs --api-key");
      }
      if (values.containsKey("--bulk") && values.containsKey("--days")) {
        throw new IllegalArgumentException("--bulk and --days do not go together");
      }
      return new Options(
          values.getOrDefault(
              "--bootstrap-servers", env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092")),
          number(values, env, "--jobs", "MILEPOST_SIM_JOBS", "12").intValue(),
          Double.parseDouble(value(values, env, "--speed", "MILEPOST_SIM_SPEED", "600")),
          // A fresh seed per run keeps job ids apart between runs; print it to replay a day.
          number(
              values,
              env,
              "--seed",
              "MILEPOST_SIM_SEED",
              Long.toString(Instant.now().getEpochSecond())),
          number(values, env, "--duplicates", null, "3").intValue(),
          number(values, env, "--malformed", null, "1").intValue(),
          loop,
          // Null: decided when playing, from the wall clock (see play and bulk).
          values.containsKey("--start") ? Instant.parse(values.get("--start")) : null,
          ingest == null ? null : URI.create(ingest),
          keys == null ? Map.of() : apiKeys(keys),
          number(values, env, "--bulk", null, "0"),
          number(values, env, "--days", null, "0").intValue(),
          values.containsKey("--truth") ? Path.of(values.get("--truth")) : null);
    }

    EventSink sink() {
      return ingestUrl == null
          ? new KafkaEventSink(bootstrapServers)
          : new IngestApiSink(ingestUrl, apiKeys);
    }

    /** "key" serves every tenant; "tenant:key,tenant:key" one key per tenant. */
    private static Map<String, String> apiKeys(String text) {
      Map<String, String> keys = new HashMap<>();
      for (String entry : text.split(",")) {
        int colon = entry.indexOf(':');
        if (colon < 0) {
          keys.put("*", entry.trim());
        } else {
          keys.put(entry.substring(0, colon).trim(), entry.substring(colon + 1).trim());
        }
      }
      return keys;
    }

    private static String value(
        Map<String, String> values, Map<String, String> env, String flag, String var, String def) {
      String value = values.get(flag);
      if (value == null && var != null) {
        value = env.get(var);
      }
      return value == null ? def : value;
    }

    private static Long number(
        Map<String, String> values, Map<String, String> env, String flag, String var, String def) {
      String value = value(values, env, flag, var, def);
      try {
        return Long.parseLong(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(flag + " must be a whole number, was '" + value + "'");
      }
    }
  }
}
