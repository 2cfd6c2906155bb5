package io.milepost.stream;

import io.milepost.schemas.EventClock;
import io.milepost.stream.dedupe.SeenEvents;
import io.milepost.stream.progress.JobProgressFunction;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.util.TimeUtils;

/**
 * Everything a user sets on the progress job, each option declared once below as a Flink {@link
 * ConfigOption} (key, type, default, description) and read through a {@link Configuration}.
 *
 * <p>On the command line an option is {@code --key value} (a boolean as {@code --key}); else it is
 * taken from the environment variable {@link #environmentVariable} names ({@code
 * MILEPOST_PROGRESS_<KEY>}, and {@code KAFKA_BOOTSTRAP_SERVERS} for the brokers); else its default,
 * which works on a developer's machine. Durations are written as Flink writes them ({@code 500 ms},
 * {@code 2 s}, {@code 10 min}) or in ISO-8601 ({@code PT2S}). Tests and embedders set options on a
 * {@code new Configuration()} and pass it to {@link ProgressJob}.
 *
 * <p>The table of options in {@code stream-jobs/README.md} is generated from these declarations;
 * {@code ProgressJobOptionsTest} fails when the two differ.
 */
public final class ProgressJobOptions {
  private ProgressJobOptions() {}

  public static final ConfigOption<String> BOOTSTRAP_SERVERS =
      ConfigOptions.key("bootstrap-servers")
          .stringType()
          .defaultValue("localhost:9092")
          .withDescription("Kafka to read and write.");

  public static final ConfigOption<String> GROUP_ID =
      ConfigOptions.key("group-id")
          .stringType()
          .defaultValue("milepost-progress")
          .withDescription("Consumer group whose committed offsets a fresh start resumes from.");

  public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX =
      ConfigOptions.key("transactional-id-prefix")
          .stringType()
          .defaultValue("milepost-progress-intents")
          .withDescription(
              "Prefix of the intents sink's Kafka transactional ids; unique per running job on"
                  + " one Kafka cluster.");

  public static final ConfigOption<Duration> TRANSACTION_TIMEOUT =
      ConfigOptions.key("transaction-timeout")
          .durationType()
          .defaultValue(Duration.ofMinutes(10))
          .withDescription(
              "The intents producer's transaction.timeout.ms: at least checkpoint-interval +"
                  + " checkpoint-timeout + restart-budget (checked at start), at most the"
                  + " broker's transaction.max.timeout.ms.");

  public static final ConfigOption<Duration> CHECKPOINT_INTERVAL =
      ConfigOptions.key("checkpoint-interval")
          .durationType()
          .defaultValue(Duration.ofSeconds(2))
          .withDescription(
              "Also the floor on intent latency: intents become visible when a checkpoint"
                  + " commits.");

  public static final ConfigOption<Duration> CHECKPOINT_TIMEOUT =
      ConfigOptions.key("checkpoint-timeout")
          .durationType()
          .defaultValue(Duration.ofMinutes(2))
          .withDescription(
              "A checkpoint not complete after this fails, and so does the job, which restarts"
                  + " from the last complete one.");

  public static final ConfigOption<Duration> RESTART_BUDGET =
      ConfigOptions.key("restart-budget")
          .durationType()
          .defaultValue(Duration.ofMinutes(5))
          .withDescription(
              "How long the job may be down (failure, restart, restore) and still commit the"
                  + " transactions of its last checkpoint; longer, and the broker may have"
                  + " aborted them, losing their intents.");

  public static final ConfigOption<String> STATE_BACKEND =
      ConfigOptions.key("state-backend")
          .stringType()
          .defaultValue("hashmap")
          .withDescription(
              "Where keyed state lives: hashmap (the heap; fastest, bounded by the task managers'"
                  + " memory) or rocksdb (local disk, incremental checkpoints; for state larger"
                  + " than memory: many open jobs, long inactivity timeouts).");

  public static final ConfigOption<String> CHECKPOINT_DIR =
      ConfigOptions.key("checkpoint-dir")
          .stringType()
          .defaultValue("file:///tmp/milepost-checkpoints")
          .withDescription(
              "Where checkpoints are written, a file system URI; on a cluster one every job and"
                  + " task manager reaches (s3://, a shared volume). Never the job manager's"
                  + " memory, whose 5 MB limit a replay's state outgrows.");

  public static final ConfigOption<Integer> PARALLELISM =
      ConfigOptions.key("parallelism")
          .intType()
          .defaultValue(0)
          .withDescription("0 keeps the environment's default.");

  public static final ConfigOption<Boolean> LOCAL =
      ConfigOptions.key("local")
          .booleanType()
          .defaultValue(false)
          .withDescription("Run in this JVM, with the Flink web UI.");

  public static final ConfigOption<Integer> WEB_UI_PORT =
      ConfigOptions.key("web-ui-port")
          .intType()
          .defaultValue(8081)
          .withDescription("Port of the web UI of a local run.");

  public static final ConfigOption<Boolean> BOUNDED =
      ConfigOptions.key("bounded")
          .booleanType()
          .defaultValue(false)
          .withDescription(
              "Stop once the offsets that were latest at start are consumed (benchmarks,"
                  + " replays).");

  public static final ConfigOption<Boolean> FROM_EARLIEST =
      ConfigOptions.key("from-earliest")
          .booleanType()
          .defaultValue(false)
          .withDescription("Read the topic from its start, ignoring committed offsets.");

  public static final ConfigOption<Duration> MAX_OUT_OF_ORDERNESS =
      ConfigOptions.key("max-out-of-orderness")
          .durationType()
          .defaultValue(Duration.ofSeconds(30))
          .withDescription("How far behind the newest event the watermark trails.");

  public static final ConfigOption<Duration> IDLE_TIMEOUT =
      ConfigOptions.key("idle-timeout")
          .durationType()
          .defaultValue(Duration.ofMinutes(1))
          .withDescription(
              "After this much wall-clock time without events, an input's watermark follows the"
                  + " wall clock (less --allowed-lateness) instead of its events.");

  public static final ConfigOption<Duration> ALLOWED_LATENESS =
      ConfigOptions.key("allowed-lateness")
          .durationType()
          .defaultValue(Duration.ofMinutes(2))
          .withDescription(
              "How far behind the wall clock an idle input's watermark trails: how late a"
                  + " producer may deliver an event after a quiet period before deadlines it sets"
                  + " that have already passed fire at once.");

  public static final ConfigOption<Duration> TERMINAL_GRACE =
      ConfigOptions.key("terminal-grace")
          .durationType()
          .defaultValue(Duration.ofHours(24))
          .withDescription("Event time a finished job's state is kept to absorb late events.");

  public static final ConfigOption<Duration> INACTIVITY_TIMEOUT =
      ConfigOptions.key("inactivity-timeout")
          .durationType()
          .defaultValue(JobProgressFunction.DEFAULT_INACTIVITY_TIMEOUT)
          .withDescription(
              "Event time after a job's latest accepted event at which a job that never"
                  + " finished is closed and its state dropped.");
  public static final ConfigOption<Duration> RULES_RECHECK =
      ConfigOptions.key("rules-recheck")
          .durationType()
          .defaultValue(JobProgressFunction.DEFAULT_RECHECK)
          .withDescription(
              "While an overrun, silence or delay risk may still come, a job's timer is never"
                  + " further away than this, so a rule that shrank reaches it within this time"
                  + " (the rules side cannot move timers). Costs one timer firing per open job"
                  + " per interval.");

  public static final ConfigOption<Duration> MAX_CLOCK_SKEW =
      ConfigOptions.key("max-clock-skew")
          .durationType()
          .defaultValue(EventClock.DEFAULT_MAX_SKEW)
          .withDescription(
              "How far ahead of the job's clock an event's occurredAt may be; beyond that it is"
                  + " dead-lettered naming /occurredAt, so a wrong clock cannot fire timers.");
  public static final ConfigOption<Integer> SEEN_EVENTS_LIMIT =
      ConfigOptions.key("seen-events-limit")
          .intType()
          .defaultValue(SeenEvents.DEFAULT_LIMIT)
          .withDescription("Event ids each job remembers for dedupe.");

  public static final ConfigOption<Integer> ETA_PERCENTILE =
      ConfigOptions.key("eta-percentile")
          .intType()
          .defaultValue(50)
          .withDescription(
              "Which percentile (1 to 100) of a stage's learned durations the ETA counts. The"
                  + " median is the best single guess; a higher one, summed over the stages"
                  + " left, overshoots and raises false delay risks.");

  public static final ConfigOption<Integer> ETA_WINDOW =
      ConfigOptions.key("eta-window")
          .intType()
          .defaultValue(200)
          .withDescription(
              "How many of the latest passages of a stage (per tenant, location, journey and"
                  + " stage) are learned from: 8 bytes each in state.");

  public static final ConfigOption<Integer> ETA_MIN_SAMPLES =
      ConfigOptions.key("eta-min-samples")
          .intType()
          .defaultValue(20)
          .withDescription(
              "Passages of a stage at a location before what is learned replaces the rules' SLA.");

  public static final ConfigOption<Duration> ETA_FORGET_AFTER =
      ConfigOptions.key("eta-forget-after")
          .durationType()
          .defaultValue(Duration.ofDays(90))
          .withDescription(
              "Event time after a stage's latest passage at a location at which what was"
                  + " learned of it is dropped (a location or stage that stopped reporting).");

  /** The values {@link #STATE_BACKEND} takes: Flink's names for its two state backends. */
  private static final List<String> STATE_BACKENDS = List.of("hashmap", "rocksdb");

  /** Every option above, in the order declared; found by reflection so none is listed twice. */
  private static final List<ConfigOption<?>> ALL = declared();

  /** Every option, in the order declared. */
  public static List<ConfigOption<?>> all() {
    return ALL;
  }

  /** Options from the command line and {@link System#getenv()}, validated. */
  public static Configuration fromArgs(String[] args) {
    return fromArgs(args, System.getenv());
  }

  /**
   * Options from the command line and the given environment variables, validated.
   *
   * @throws IllegalArgumentException naming the option, for an unknown option or a bad value
   */
  public static Configuration fromArgs(String[] args, Map<String, String> environment) {
    Map<String, String> given = parse(args);
    Configuration options = new Configuration();
    for (ConfigOption<?> option : ALL) {
      String text = given.get(option.key());
      if (text == null) {
        text = environment.get(environmentVariable(option));
      }
      if (text != null && !text.isBlank()) {
        setParsed(options, option, text.trim());
      }
    }
    validate(options);
    return options;
  }

  /** The environment variable an option is read from when it is not on the command line. */
  public static String environmentVariable(ConfigOption<?> option) {
    return option.equals(BOOTSTRAP_SERVERS)
        ? "KAFKA_BOOTSTRAP_SERVERS"
        : "MILEPOST_PROGRESS_" + option.key().toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /**
   * Refuses options the job cannot run safely with.
   *
   * @throws IllegalArgumentException naming the option and what it must be
   */
  public static void validate(ReadableConfig options) {
    require(!options.get(BOOTSTRAP_SERVERS).isBlank(), BOOTSTRAP_SERVERS, "must not be blank");
    require(!options.get(GROUP_ID).isBlank(), GROUP_ID, "must not be blank");
    require(
        !options.get(TRANSACTIONAL_ID_PREFIX).isBlank(),
        TRANSACTIONAL_ID_PREFIX,
        "must not be blank");
    requirePositive(options, CHECKPOINT_INTERVAL);
    requirePositive(options, CHECKPOINT_TIMEOUT);
    requireNotNegative(options, RESTART_BUDGET);
    requireTransactionsOutliveCheckpointsAndRestarts(options);
    require(
        STATE_BACKENDS.contains(options.get(STATE_BACKEND)),
        STATE_BACKEND,
        "must be one of " + String.join(", ", STATE_BACKENDS));
    require(!options.get(CHECKPOINT_DIR).isBlank(), CHECKPOINT_DIR, "must not be blank");
    require(options.get(PARALLELISM) >= 0, PARALLELISM, "must be 0 (the default) or more");
    int port = options.get(WEB_UI_PORT);
    require(port >= 0 && port <= 65535, WEB_UI_PORT, "must be a port number");
    requireNotNegative(options, MAX_OUT_OF_ORDERNESS);
    requirePositive(options, IDLE_TIMEOUT);
    requireNotNegative(options, ALLOWED_LATENESS);
    requireNotNegative(options, TERMINAL_GRACE);
    requirePositive(options, INACTIVITY_TIMEOUT);
    requirePositive(options, RULES_RECHECK);
    requireNotNegative(options, MAX_CLOCK_SKEW);
    require(options.get(SEEN_EVENTS_LIMIT) >= 1, SEEN_EVENTS_LIMIT, "must be at least 1");
    int percentile = options.get(ETA_PERCENTILE);
    require(percentile >= 1 && percentile <= 100, ETA_PERCENTILE, "must be 1 to 100");
    require(options.get(ETA_WINDOW) >= 1, ETA_WINDOW, "must be at least 1");
    require(
        options.get(ETA_MIN_SAMPLES) >= 1
            && options.get(ETA_MIN_SAMPLES) <= options.get(ETA_WINDOW),
        ETA_MIN_SAMPLES,
        "must be 1 to --eta-window");
    requirePositive(options, ETA_FORGET_AFTER);
  }

  /**
   * A transaction opens after one checkpoint and commits when the next one completes: up to one
   * interval plus one checkpoint's time later. When the job fails in between, it commits the
   * transactions of its last checkpoint only after restarting. If the broker's timeout struck
   * first, it aborted them and their intents are lost without a word; so refuse to start instead.
   */
  private static void requireTransactionsOutliveCheckpointsAndRestarts(ReadableConfig options) {
    Duration transaction = options.get(TRANSACTION_TIMEOUT);
    Duration needed =
        options
            .get(CHECKPOINT_INTERVAL)
            .plus(options.get(CHECKPOINT_TIMEOUT))
            .plus(options.get(RESTART_BUDGET));
    if (transaction.compareTo(needed) < 0) {
      throw new IllegalArgumentException(
          String.format(
              "%s (%s) must be at least %s + %s + %s (%s + %s + %s = %s), or the broker may abort"
                  + " a transaction before the job commits it, losing its intents; raise %1$s"
                  + " (and the broker's transaction.max.timeout.ms) or lower the others",
              flag(TRANSACTION_TIMEOUT),
              format(transaction),
              flag(CHECKPOINT_INTERVAL),
              flag(CHECKPOINT_TIMEOUT),
              flag(RESTART_BUDGET),
              format(options.get(CHECKPOINT_INTERVAL)),
              format(options.get(CHECKPOINT_TIMEOUT)),
              format(options.get(RESTART_BUDGET)),
              format(needed)));
    }
  }

  /** An option as it is written on the command line. */
  public static String flag(ConfigOption<?> option) {
    return "--" + option.key();
  }

  /** A value as the README and error messages show it. */
  public static String format(Object value) {
    return value instanceof Duration duration
        ? TimeUtils.formatWithHighestUnit(duration)
        : String.valueOf(value);
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> given = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException(
            "unexpected argument '" + args[i] + "': options are written --name value");
      }
      String key = args[i].substring(2);
      if (ALL.stream().noneMatch(option -> option.key().equals(key))) {
        throw new IllegalArgumentException(
            "unknown option --"
                + key
                + "; known options: "
                + ALL.stream().map(ProgressJobOptions::flag).collect(Collectors.joining(", ")));
      }
      boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
      given.put(key, hasValue ? args[++i] : "true");
    }
    return given;
  }

  /** Parses as the option's type, which every option here shows by its default. */
  private static <T> void setParsed(Configuration options, ConfigOption<T> option, String text) {
    Object type = option.defaultValue();
    // Flink parses "2 s" but not ISO-8601; accept both.
    String flinkText =
        type instanceof Duration && text.startsWith("P") ? isoToMillis(option, text) : text;
    try {
      options.set(option, Configuration.fromMap(Map.of(option.key(), flinkText)).get(option));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          flag(option) + " '" + text + "' is not " + expected(type), e);
    }
  }

  private static String isoToMillis(ConfigOption<?> option, String text) {
    try {
      return Duration.parse(text).toMillis() + " ms";
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          flag(option) + " '" + text + "' is not " + expected(option.defaultValue()), e);
    }
  }

  private static String expected(Object type) {
    if (type instanceof Duration) {
      return "a duration such as 500 ms, 2 s or PT2S";
    } else if (type instanceof Integer) {
      return "a whole number";
    } else if (type instanceof Boolean) {
      return "true or false";
    }
    return "a " + type.getClass().getSimpleName();
  }

  private static void requirePositive(ReadableConfig options, ConfigOption<Duration> option) {
    Duration value = options.get(option);
    require(!value.isNegative() && !value.isZero(), option, "must be positive");
  }

  private static void requireNotNegative(ReadableConfig options, ConfigOption<Duration> option) {
    require(!options.get(option).isNegative(), option, "must not be negative");
  }

  private static void require(boolean condition, ConfigOption<?> option, String what) {
    if (!condition) {
      throw new IllegalArgumentException(flag(option) + " " + what);
    }
  }

  private static List<ConfigOption<?>> declared() {
    return Arrays.stream(ProgressJobOptions.class.getDeclaredFields())
        .filter(field -> field.getType() == ConfigOption.class)
        .filter(field -> Modifier.isPublic(field.getModifiers()))
        .filter(field -> Modifier.isStatic(field.getModifiers()))
        .<ConfigOption<?>>map(ProgressJobOptions::value)
        .toList();
  }

  private static ConfigOption<?> value(Field field) {
    try {
      return (ConfigOption<?>) field.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
