package io.milepost.stream;

import io.milepost.stream.dedupe.SeenEvents;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.flink.util.TimeUtils;

/**
 * Everything a user sets on the progress job, read once at start. Each option is given as {@code
 * --name value} (flags as {@code --name}), else taken from the environment variable named in the
 * table, else defaults to a value that works on a developer's machine.
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>option</th><th>environment</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>--bootstrap-servers</td><td>KAFKA_BOOTSTRAP_SERVERS</td><td>localhost:9092</td>
 *       <td>Kafka to read and write</td></tr>
 *   <tr><td>--group-id</td><td>MILEPOST_PROGRESS_GROUP_ID</td><td>milepost-progress</td>
 *       <td>consumer group whose committed offsets a fresh start resumes from</td></tr>
 *   <tr><td>--transactional-id-prefix</td><td>MILEPOST_PROGRESS_TRANSACTIONAL_ID_PREFIX</td>
 *       <td>milepost-progress-intents</td><td>unique per running job on one Kafka cluster</td></tr>
 *   <tr><td>--transaction-timeout</td><td>MILEPOST_PROGRESS_TRANSACTION_TIMEOUT</td><td>10 min</td>
 *       <td>at most the broker's transaction.max.timeout.ms (15 min by default)</td></tr>
 *   <tr><td>--checkpoint-interval</td><td>MILEPOST_PROGRESS_CHECKPOINT_INTERVAL</td><td>2 s</td>
 *       <td>also the floor on intent latency: intents become visible when a checkpoint
 *       commits</td></tr>
 *   <tr><td>--parallelism</td><td>MILEPOST_PROGRESS_PARALLELISM</td><td>0</td>
 *       <td>0 keeps the environment's default</td></tr>
 *   <tr><td>--local</td><td>MILEPOST_PROGRESS_LOCAL</td><td>false</td>
 *       <td>run in this JVM, with the Flink web UI</td></tr>
 *   <tr><td>--web-ui-port</td><td>MILEPOST_PROGRESS_WEB_UI_PORT</td><td>8081</td>
 *       <td>port of the web UI of a local run</td></tr>
 *   <tr><td>--bounded</td><td>MILEPOST_PROGRESS_BOUNDED</td><td>false</td>
 *       <td>stop once the offsets that were latest at start are consumed (benchmarks,
 *       replays)</td></tr>
 *   <tr><td>--from-earliest</td><td>MILEPOST_PROGRESS_FROM_EARLIEST</td><td>false</td>
 *       <td>read the topic from its start, ignoring committed offsets</td></tr>
 *   <tr><td>--max-out-of-orderness</td><td>MILEPOST_PROGRESS_MAX_OUT_OF_ORDERNESS</td>
 *       <td>30 s</td><td>how far behind the newest event the watermark trails</td></tr>
 *   <tr><td>--idle-timeout</td><td>MILEPOST_PROGRESS_IDLE_TIMEOUT</td><td>1 min</td>
 *       <td>after this without events an input stops holding the watermark back</td></tr>
 *   <tr><td>--terminal-grace</td><td>MILEPOST_PROGRESS_TERMINAL_GRACE</td><td>24 h</td>
 *       <td>event time a finished job's state is kept to absorb late events</td></tr>
 *   <tr><td>--seen-events-limit</td><td>MILEPOST_PROGRESS_SEEN_EVENTS_LIMIT</td><td>64</td>
 *       <td>event ids each job remembers for dedupe</td></tr>
 * </table>
 *
 * <p>Durations are written as Flink writes them ({@code 500 ms}, {@code 2s}, {@code 10 min}) or in
 * ISO-8601 ({@code PT2S}).
 */
public record ProgressJobOptions(
    String bootstrapServers,
    String groupId,
    String transactionalIdPrefix,
    Duration transactionTimeout,
    Duration checkpointInterval,
    int parallelism,
    boolean local,
    int webUiPort,
    boolean bounded,
    boolean fromEarliest,
    Duration maxOutOfOrderness,
    Duration idleTimeout,
    Duration terminalGrace,
    int seenEventsLimit) {

  public static final String BOOTSTRAP_SERVERS = "bootstrap-servers";
  public static final String GROUP_ID = "group-id";
  public static final String TRANSACTIONAL_ID_PREFIX = "transactional-id-prefix";
  public static final String TRANSACTION_TIMEOUT = "transaction-timeout";
  public static final String CHECKPOINT_INTERVAL = "checkpoint-interval";
  public static final String PARALLELISM = "parallelism";
  public static final String LOCAL = "local";
  public static final String WEB_UI_PORT = "web-ui-port";
  public static final String BOUNDED = "bounded";
  public static final String FROM_EARLIEST = "from-earliest";
  public static final String MAX_OUT_OF_ORDERNESS = "max-out-of-orderness";
  public static final String IDLE_TIMEOUT = "idle-timeout";
  public static final String TERMINAL_GRACE = "terminal-grace";
  public static final String SEEN_EVENTS_LIMIT = "seen-events-limit";

  private static final List<String> NAMES =
      List.of(
          BOOTSTRAP_SERVERS,
          GROUP_ID,
          TRANSACTIONAL_ID_PREFIX,
          TRANSACTION_TIMEOUT,
          CHECKPOINT_INTERVAL,
          PARALLELISM,
          LOCAL,
          WEB_UI_PORT,
          BOUNDED,
          FROM_EARLIEST,
          MAX_OUT_OF_ORDERNESS,
          IDLE_TIMEOUT,
          TERMINAL_GRACE,
          SEEN_EVENTS_LIMIT);

  /** The local defaults: a broker on localhost, 2 s checkpoints. */
  public static final ProgressJobOptions DEFAULTS =
      new ProgressJobOptions(
          "localhost:9092",
          "milepost-progress",
          "milepost-progress-intents",
          Duration.ofMinutes(10),
          Duration.ofSeconds(2),
          0,
          false,
          8081,
          false,
          false,
          Duration.ofSeconds(30),
          Duration.ofMinutes(1),
          Duration.ofHours(24),
          SeenEvents.DEFAULT_LIMIT);

  public ProgressJobOptions {
    if (Stream.of(
            bootstrapServers,
            groupId,
            transactionalIdPrefix,
            transactionTimeout,
            checkpointInterval,
            maxOutOfOrderness,
            idleTimeout,
            terminalGrace)
        .anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException("every option needs a value, none may be null");
    }
    require(!bootstrapServers.isBlank(), BOOTSTRAP_SERVERS, "must not be blank");
    require(!groupId.isBlank(), GROUP_ID, "must not be blank");
    require(!transactionalIdPrefix.isBlank(), TRANSACTIONAL_ID_PREFIX, "must not be blank");
    require(
        !checkpointInterval.isNegative() && !checkpointInterval.isZero(),
        CHECKPOINT_INTERVAL,
        "must be positive");
    // A transaction must survive from one checkpoint to the next, or the broker aborts it and the
    // intents written in it are lost.
    require(
        transactionTimeout.compareTo(checkpointInterval) > 0,
        TRANSACTION_TIMEOUT,
        "must be longer than --" + CHECKPOINT_INTERVAL);
    require(parallelism >= 0, PARALLELISM, "must be 0 (the default) or more");
    require(webUiPort >= 0 && webUiPort <= 65535, WEB_UI_PORT, "must be a port number");
    require(!maxOutOfOrderness.isNegative(), MAX_OUT_OF_ORDERNESS, "must not be negative");
    require(!idleTimeout.isNegative() && !idleTimeout.isZero(), IDLE_TIMEOUT, "must be positive");
    require(!terminalGrace.isNegative(), TERMINAL_GRACE, "must not be negative");
    require(seenEventsLimit >= 1, SEEN_EVENTS_LIMIT, "must be at least 1");
  }

  /** Options from the command line and {@link System#getenv()}. */
  public static ProgressJobOptions fromArgs(String[] args) {
    return fromArgs(args, System.getenv());
  }

  /**
   * Options from the command line and the given environment variables.
   *
   * @throws IllegalArgumentException naming the option, for an unknown option or a bad value
   */
  public static ProgressJobOptions fromArgs(String[] args, Map<String, String> environment) {
    Lookup lookup = new Lookup(parse(args), environment);
    return new ProgressJobOptions(
        lookup.text(BOOTSTRAP_SERVERS, DEFAULTS.bootstrapServers),
        lookup.text(GROUP_ID, DEFAULTS.groupId),
        lookup.text(TRANSACTIONAL_ID_PREFIX, DEFAULTS.transactionalIdPrefix),
        lookup.duration(TRANSACTION_TIMEOUT, DEFAULTS.transactionTimeout),
        lookup.duration(CHECKPOINT_INTERVAL, DEFAULTS.checkpointInterval),
        lookup.number(PARALLELISM, DEFAULTS.parallelism),
        lookup.flag(LOCAL, DEFAULTS.local),
        lookup.number(WEB_UI_PORT, DEFAULTS.webUiPort),
        lookup.flag(BOUNDED, DEFAULTS.bounded),
        lookup.flag(FROM_EARLIEST, DEFAULTS.fromEarliest),
        lookup.duration(MAX_OUT_OF_ORDERNESS, DEFAULTS.maxOutOfOrderness),
        lookup.duration(IDLE_TIMEOUT, DEFAULTS.idleTimeout),
        lookup.duration(TERMINAL_GRACE, DEFAULTS.terminalGrace),
        lookup.number(SEEN_EVENTS_LIMIT, DEFAULTS.seenEventsLimit));
  }

  /** The environment variable an option is read from when it is not on the command line. */
  public static String environmentVariable(String option) {
    return option.equals(BOOTSTRAP_SERVERS)
        ? "KAFKA_BOOTSTRAP_SERVERS"
        : "MILEPOST_PROGRESS_" + option.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  public static Builder builder() {
    return DEFAULTS.toBuilder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> given = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException(
            "unexpected argument '" + args[i] + "': options are written --name value");
      }
      String name = args[i].substring(2);
      if (!NAMES.contains(name)) {
        throw new IllegalArgumentException(
            "unknown option --" + name + "; known options: --" + String.join(", --", NAMES));
      }
      boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
      given.put(name, hasValue ? args[++i] : "true");
    }
    return given;
  }

  private static void require(boolean condition, String option, String what) {
    if (!condition) {
      throw new IllegalArgumentException("--" + option + " " + what);
    }
  }

  private record Lookup(Map<String, String> args, Map<String, String> environment) {
    String text(String option, String fallback) {
      String given = args.get(option);
      if (given == null) {
        given = environment.get(environmentVariable(option));
      }
      return given == null || given.isBlank() ? fallback : given.trim();
    }

    Duration duration(String option, Duration fallback) {
      String text = text(option, null);
      try {
        return text == null
            ? fallback
            : text.startsWith("P") ? Duration.parse(text) : TimeUtils.parseDuration(text);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "--" + option + " '" + text + "' is not a duration such as 500 ms, 2 s or PT2S", e);
      }
    }

    int number(String option, int fallback) {
      String text = text(option, null);
      try {
        return text == null ? fallback : Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--" + option + " '" + text + "' is not a number", e);
      }
    }

    boolean flag(String option, boolean fallback) {
      String text = text(option, null);
      if (text == null) {
        return fallback;
      }
      if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
        return Boolean.parseBoolean(text);
      }
      throw new IllegalArgumentException("--" + option + " '" + text + "' is not true or false");
    }
  }

  /** For tests and embedders: start from {@link #DEFAULTS} or other options, change a few. */
  public static final class Builder {
    private String bootstrapServers;
    private String groupId;
    private String transactionalIdPrefix;
    private Duration transactionTimeout;
    private Duration checkpointInterval;
    private int parallelism;
    private boolean local;
    private int webUiPort;
    private boolean bounded;
    private boolean fromEarliest;
    private Duration maxOutOfOrderness;
    private Duration idleTimeout;
    private Duration terminalGrace;
    private int seenEventsLimit;

    private Builder(ProgressJobOptions from) {
      bootstrapServers = from.bootstrapServers;
      groupId = from.groupId;
      transactionalIdPrefix = from.transactionalIdPrefix;
      transactionTimeout = from.transactionTimeout;
      checkpointInterval = from.checkpointInterval;
      parallelism = from.parallelism;
      local = from.local;
      webUiPort = from.webUiPort;
      bounded = from.bounded;
      fromEarliest = from.fromEarliest;
      maxOutOfOrderness = from.maxOutOfOrderness;
      idleTimeout = from.idleTimeout;
      terminalGrace = from.terminalGrace;
      seenEventsLimit = from.seenEventsLimit;
    }

    public Builder bootstrapServers(String value) {
      bootstrapServers = value;
      return this;
    }

    public Builder groupId(String value) {
      groupId = value;
      return this;
    }

    public Builder transactionalIdPrefix(String value) {
      transactionalIdPrefix = value;
      return this;
    }

    public Builder transactionTimeout(Duration value) {
      transactionTimeout = value;
      return this;
    }

    public Builder checkpointInterval(Duration value) {
      checkpointInterval = value;
      return this;
    }

    public Builder parallelism(int value) {
      parallelism = value;
      return this;
    }

    public Builder local(boolean value) {
      local = value;
      return this;
    }

    public Builder webUiPort(int value) {
      webUiPort = value;
      return this;
    }

    public Builder bounded(boolean value) {
      bounded = value;
      return this;
    }

    public Builder fromEarliest(boolean value) {
      fromEarliest = value;
      return this;
    }

    public Builder maxOutOfOrderness(Duration value) {
      maxOutOfOrderness = value;
      return this;
    }

    public Builder idleTimeout(Duration value) {
      idleTimeout = value;
      return this;
    }

    public Builder terminalGrace(Duration value) {
      terminalGrace = value;
      return this;
    }

    public Builder seenEventsLimit(int value) {
      seenEventsLimit = value;
      return this;
    }

    public ProgressJobOptions build() {
      return new ProgressJobOptions(
          bootstrapServers,
          groupId,
          transactionalIdPrefix,
          transactionTimeout,
          checkpointInterval,
          parallelism,
          local,
          webUiPort,
          bounded,
          fromEarliest,
          maxOutOfOrderness,
          idleTimeout,
          terminalGrace,
          seenEventsLimit);
    }
  }
}
