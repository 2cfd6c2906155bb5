package io.milepost.bench.live;

import io.milepost.schemas.BoardUpdate;
import io.milepost.schemas.Customer;
import io.milepost.schemas.Intent;
import io.milepost.schemas.IntentKind;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Stage;
import io.milepost.schemas.TimelineEntry;
import io.milepost.schemas.Topics;
import io.milepost.schemas.WireCodec;
import io.milepost.testing.FreshDatabase;
import io.milepost.testing.KafkaBroker;
import java.io.File;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Does the notifier's live path keep up? N tracking pages (real STOMP clients over WebSocket) watch
 * N jobs on a running notifier (its runnable jar, in its own JVM, against a real Kafka broker and
 * PostgreSQL), while a steady load of events arrives. Each event is what the progress job emits for
 * a stage change: a board update on {@code milepost.board} and an intent on {@code
 * milepost.intents}; background jobs carry no phone, watched jobs do (so their intents become SMS,
 * at a local Twilio stub). Flink is left out: the notifier is driven directly through its topics.
 *
 * <p>Each watched job's board update is timed from its hand-over to the producer until a page shows
 * that version or a newer one (the notifier pushes only the newest version of a poll), and, in the
 * same run, until a plain Kafka consumer of {@code milepost.board} sees it: Kafka's own
 * produce→consume latency. Updates whose version no page shows 5 s after the load ends are missing.
 *
 * <p>Options: {@code --notifier-jar F} (required), {@code --clients N} (200), {@code --rates
 * 70,250,2000} (events/s, one run each), {@code --watched-rate N} (50 of those events/s go to the
 * watched jobs), {@code --seconds N} (30 measured, after {@code --warmup N} = 5), {@code
 * --notifier-heap 768m}, {@code --label TEXT}.
 *
 * <p>With {@code --step-clients 250,500,1000} it steps the number of tracking pages up instead (see
 * {@link #step}): the first of {@code --rates} is the background load, {@code --p99-limit-ms 500}
 * the latency a step must keep, and the notifier runs with {@code --notifier-heap 1g}.
 */
public final class LiveBench {
  private static final String TENANT = "bench-motors";
  private static final String LOCATION = "lane-1";
  private static final List<Stage> STAGES =
      Journey.VEHICLE_SERVICE.stages().subList(0, Journey.VEHICLE_SERVICE.stages().size() - 1);

  private final KafkaProducer<String, byte[]> producer;
  private final Map<String, ConcurrentSkipListMap<Long, Long>> atPage = new ConcurrentHashMap<>();
  private final Map<String, Long> inKafka = new ConcurrentHashMap<>();
  private final Map<String, Long> versions = new HashMap<>();
  private volatile Histogram pageLatency = histogram();
  private volatile Histogram kafkaLatency = histogram();

  private LiveBench(KafkaProducer<String, byte[]> producer) {
    this.producer = producer;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    File jar = new File(required(options, "notifier-jar"));
    int clients = Integer.parseInt(options.getOrDefault("clients", "200"));
    int watchedRate = Integer.parseInt(options.getOrDefault("watched-rate", "50"));
    int seconds = Integer.parseInt(options.getOrDefault("seconds", "30"));
    int warmup = Integer.parseInt(options.getOrDefault("warmup", "5"));
    List<Integer> rates = new ArrayList<>();
    for (String rate : options.getOrDefault("rates", "70,250,2000").split(",")) {
      rates.add(Integer.parseInt(rate.trim()));
    }
    String label = options.getOrDefault("label", jar.getName());
    List<Integer> steps = new ArrayList<>();
    if (options.containsKey("step-clients")) {
      for (String step : options.get("step-clients").split(",")) {
        steps.add(Integer.parseInt(step.trim()));
      }
    }
    // Stepping asks whether the notifier keeps up within 1 GiB of heap: it runs with that much.
    String heap = options.getOrDefault("notifier-heap", steps.isEmpty() ? "768m" : "1g");
    Instant started = Instant.now();

    System.out.printf(
        "LiveBench: the notifier driven directly through milepost.board and milepost.intents"
            + " (no Flink): %s tracking pages, %s%n",
        steps.isEmpty() ? String.valueOf(clients) : "stepping " + steps + " ", label);
    try (KafkaBroker kafka = KafkaBroker.start();
        FreshDatabase database = FreshDatabase.create();
        TwilioStub twilio = TwilioStub.start()) {
      kafka.createTopics(Topics.INTENTS, Topics.BOARD, Topics.INTENTS_DLQ, Topics.BOARD_DLQ);
      File log = new File("bench/target/live-notifier.log");
      log.getParentFile().mkdirs();
      try (NotifierProcess notifier =
              NotifierProcess.start(
                  jar,
                  heap,
                  kafka.bootstrapServers(),
                  database.jdbcUrl(),
                  database.username(),
                  database.password(),
                  twilio.baseUrl(),
                  log);
          KafkaProducer<String, byte[]> producer = producer(kafka.bootstrapServers())) {
        System.out.printf("  notifier up on port %d (log: %s)%n", notifier.port(), log);
        awaitConsumers(kafka.bootstrapServers());
        LiveBench bench = new LiveBench(producer);
        if (!steps.isEmpty()) {
          bench.step(
              steps,
              rates.get(0),
              seconds,
              warmup,
              Long.parseLong(options.getOrDefault("p99-limit-ms", "500")),
              notifier,
              database,
              kafka.bootstrapServers(),
              heap);
          System.out.printf(
              "SMS accepted by the Twilio stub: %,d; elapsed %s%n",
              twilio.messagesCreated(), Duration.between(started, Instant.now()));
        } else {
          bench.rates(rates, watchedRate, seconds, warmup, clients, notifier, database, kafka);
          System.out.printf(
              "SMS accepted by the Twilio stub: %,d; elapsed %s%n",
              twilio.messagesCreated(), Duration.between(started, Instant.now()));
        }
      }
    }
    // Only once the notifier, broker and database are closed: exiting inside would leave the
    // notifier's JVM running.
    System.exit(0);
  }

  /** One run per load level, with the same pages throughout. */
  private void rates(
      List<Integer> rates,
      int watchedRate,
      int seconds,
      int warmup,
      int clients,
      NotifierProcess notifier,
      FreshDatabase database,
      KafkaBroker kafka)
      throws Exception {
    List<String> watched = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      watched.add("W" + i);
    }
    List<TrackingPage> pages = openPages(watched, notifier.port(), database);
    AtomicBoolean reading = new AtomicBoolean(true);
    Thread kafkaReader = kafkaReader(kafka.bootstrapServers(), reading);
    List<String> rows = new ArrayList<>();
    for (int rate : rates) {
      rows.add(run(rate, Math.min(watchedRate, rate), seconds, warmup, watched).row());
    }
    reading.set(false);
    kafkaReader.join();
    pages.forEach(TrackingPage::close);
    System.out.println();
    System.out.println(
        "| load (events/s; to watched jobs) | sent | event → frame p50 | p99 | max"
            + " | Kafka produce→consume p99 | updates missing 5 s after the end |");
    System.out.println("|---|---|---|---|---|---|---|");
    rows.forEach(System.out::println);
  }

  /** Health is UP before the listeners have joined their groups; the load waits for them. */
  private static void awaitConsumers(String bootstrap) throws Exception {
    List<String> groups = List.of("milepost-notifier", "milepost-notifier-board");
    Instant deadline = Instant.now().plusSeconds(300);
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      while (Instant.now().isBefore(deadline)) {
        Map<String, org.apache.kafka.clients.admin.ConsumerGroupDescription> described;
        try {
          described = admin.describeConsumerGroups(groups).all().get();
        } catch (java.util.concurrent.ExecutionException notYet) {
          Thread.sleep(500);
          continue;
        }
        boolean assigned =
            described.values().stream()
                .allMatch(
                    group ->
                        group.members().stream()
                                .mapToInt(m -> m.assignment().topicPartitions().size())
                                .sum()
                            >= KafkaBroker.DEFAULT_PARTITIONS);
        if (assigned) {
          System.out.println("  the notifier's consumers own every partition");
          return;
        }
        Thread.sleep(500);
      }
    }
    throw new IllegalStateException("the notifier's consumers did not join within 5 minutes");
  }

  /** Creates the watched jobs (first event with a phone), then opens one page per job. */
  private List<TrackingPage> openPages(List<String> watched, int port, FreshDatabase database)
      throws Exception {
    for (int i = 0; i < watched.size(); i++) {
      send(watched.get(i), "+1415550" + String.format(Locale.ROOT, "%04d", i), null);
    }
    producer.flush();
    Map<String, String> tokens = new HashMap<>();
    Instant deadline = Instant.now().plusSeconds(120);
    while (!tokens.keySet().containsAll(watched) && Instant.now().isBefore(deadline)) {
      Thread.sleep(500);
      try (Connection connection = database.connect();
          PreparedStatement query =
              connection.prepareStatement(
                  "SELECT job_id, tracking_token FROM jobs WHERE tenant_id = ?")) {
        query.setString(1, TENANT);
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            tokens.put(rows.getString(1), rows.getString(2));
          }
        }
      }
    }
    HttpClient http = HttpClient.newHttpClient();
    List<TrackingPage> pages = new ArrayList<>();
    for (String jobId : watched) {
      pages.add(TrackingPage.open(http, port, tokens.get(jobId), this::shown));
    }
    // A first timed update per job shows every page is subscribed before the load starts.
    Instant primed = Instant.now().plusSeconds(180);
    watched.forEach(jobId -> send(jobId, null, System.nanoTime()));
    while (atPage.values().stream().anyMatch(pending -> !pending.isEmpty())
        && Instant.now().isBefore(primed)) {
      Thread.sleep(100);
    }
    long notLive = atPage.values().stream().filter(pending -> !pending.isEmpty()).count();
    atPage.values().forEach(ConcurrentSkipListMap::clear);
    System.out.printf(
        "  %d pages subscribed, %d of them showed their first update%n",
        pages.size(), pages.size() - notLive);
    return pages;
  }

  /**
   * One load level: {@code rate} events/s for warm-up + measured seconds, {@code watchedRate} of
   * them to the watched jobs, the rest to background jobs of this level.
   */
  private Level run(int rate, int watchedRate, int seconds, int warmup, List<String> watched)
      throws Exception {
    int backgroundJobs = Math.max(100, rate * 10);
    String level = "B" + rate + "-";
    long tickNanos = 10_000_000L;
    long ticks = (long) (warmup + seconds) * 100;
    long measureFrom = (long) warmup * 100;
    double watchedShare = watchedRate / (double) rate;
    double watchedOwed = 0;
    long sent = 0;
    long timed = 0;
    int nextWatched = 0;
    int nextBackground = 0;
    long start = System.nanoTime();
    for (long tick = 0; tick < ticks; tick++) {
      if (tick == measureFrom) {
        pageLatency = histogram();
        kafkaLatency = histogram();
      }
      // Owed from the elapsed time, not per tick: a late tick catches up instead of losing load.
      long due = (long) (rate * ((System.nanoTime() - start) / 1e9)) - sent;
      for (long i = 0; i < due; i++) {
        watchedOwed += watchedShare;
        if (watchedOwed >= 1) {
          watchedOwed -= 1;
          String jobId = watched.get(nextWatched++ % watched.size());
          send(jobId, null, tick >= measureFrom ? System.nanoTime() : null);
          timed += tick >= measureFrom ? 1 : 0;
        } else {
          send(level + (nextBackground++ % backgroundJobs), null, null);
        }
        sent++;
      }
      long wait = start + (tick + 1) * tickNanos - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
    }
    producer.flush();
    double achieved = sent / ((System.nanoTime() - start) / 1e9);
    Thread.sleep(5_000);
    long missing = atPage.values().stream().mapToLong(ConcurrentSkipListMap::size).sum();
    atPage.values().forEach(ConcurrentSkipListMap::clear);
    inKafka.clear();
    Histogram page = pageLatency;
    Histogram kafka = kafkaLatency;
    System.out.printf(
        "  %,d events/s: sent %,d (%.0f/s), %,d timed; frame p50 %s p99 %s; Kafka p99 %s;"
            + " missing %,d%n",
        rate, sent, achieved, timed, ms(page, 50), ms(page, 99), ms(kafka, 99), missing);
    String row =
        String.format(
            Locale.ROOT,
            "| %,d; %d | %,d (%.0f/s) | %s | %s | %s | %s | %,d of %,d |",
            rate,
            watchedRate,
            sent,
            achieved,
            ms(page, 50),
            ms(page, 99),
            page.getTotalCount() == 0
                ? "-"
                : String.format("%,d ms", page.getMaxValue() / 1_000_000),
            ms(kafka, 99),
            missing,
            timed);
    return new Level(
        row,
        page.getTotalCount() == 0 ? Long.MAX_VALUE : page.getValueAtPercentile(99),
        page.getTotalCount() == 0 ? Long.MAX_VALUE : page.getValueAtPercentile(50),
        kafka.getTotalCount() == 0 ? -1 : kafka.getValueAtPercentile(99),
        missing,
        timed);
  }

  /**
   * One load level's outcome.
   *
   * @param row its line of the results table
   * @param pageP99 event produced → frame at the page, 99th percentile (ns)
   * @param kafkaP99 Kafka's own produce→consume, 99th percentile (ns; -1 when none seen)
   * @param missing timed updates no page showed 5 s after the load ended
   * @param timed updates sent to watched jobs while measuring
   */
  record Level(String row, long pageP99, long pageP50, long kafkaP99, long missing, long timed) {}

  /**
   * Steps the number of tracking pages up: at each step the pages opened so far stay open and new
   * ones join (each on its own job), then a steady load of {@code backgroundRate} events/s plus
   * enough to the watched jobs that every page gets at least one timed update while measuring. A
   * step holds when every page got every update, event → frame p99 is at most {@code p99LimitMs},
   * and the notifier, capped at {@code heap}, is alive and keeps at most 1 GiB live after a full
   * GC. Stops at the first step that does not hold: the largest that did is the answer.
   */
  private void step(
      List<Integer> steps,
      int backgroundRate,
      int seconds,
      int warmup,
      long p99LimitMs,
      NotifierProcess notifier,
      FreshDatabase database,
      String bootstrap,
      String heap)
      throws Exception {
    long gib = 1L << 30;
    List<String> watched = new ArrayList<>();
    List<TrackingPage> pages = new ArrayList<>();
    AtomicBoolean reading = new AtomicBoolean(true);
    Thread kafkaReader = kafkaReader(bootstrap, reading);
    List<String> rows = new ArrayList<>();
    Integer largest = null;
    String stoppedBecause = null;
    for (int clients : steps) {
      List<String> joining = new ArrayList<>();
      for (int i = watched.size(); i < clients; i++) {
        joining.add("W" + i);
      }
      try {
        pages.addAll(openPages(joining, notifier.port(), database));
      } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
        // Pages that cannot even connect are a step that does not hold, not the end of the bench.
        stoppedBecause = "the pages could not all connect (" + e + ")";
        rows.add(
            String.format(
                Locale.ROOT,
                "| %,d | — | — | — | — | — | — | — | %s |",
                watched.size() + joining.size(),
                stoppedBecause));
        System.out.printf("  %,d pages: %s%n", watched.size() + joining.size(), stoppedBecause);
        break;
      }
      watched.addAll(joining);
      // The watched jobs take turns: with a fifth to spare, each gets an update or more while
      // measuring even if the producer falls a little behind its rate.
      int watchedRate = (int) Math.ceil(1.2 * watched.size() / seconds);
      Level level = run(backgroundRate + watchedRate, watchedRate, seconds, warmup, watched);
      boolean alive = notifier.alive();
      long used = alive ? notifier.heapUsed() : -1;
      long live = alive ? notifier.liveHeap() : -1;
      List<String> failed = new ArrayList<>();
      if (!alive) {
        failed.add("the notifier died");
      }
      if (level.missing() > 0) {
        failed.add(level.missing() + " updates never shown");
      }
      if (level.timed() < watched.size()) {
        failed.add("only " + level.timed() + " timed updates for " + watched.size() + " pages");
      }
      if (level.pageP99() > p99LimitMs * 1_000_000) {
        failed.add("p99 over " + p99LimitMs + " ms");
      }
      if (live > gib) {
        failed.add("live heap over 1 GiB");
      }
      rows.add(
          String.format(
              Locale.ROOT,
              "| %,d | %,d; %d | %s | %s | %s | %,d of %,d | %s | %s | %s |",
              watched.size(),
              backgroundRate + watchedRate,
              watchedRate,
              nanosAsMs(level.pageP50()),
              nanosAsMs(level.pageP99()),
              nanosAsMs(level.kafkaP99()),
              level.missing(),
              level.timed(),
              mib(used),
              mib(live),
              failed.isEmpty() ? "holds" : String.join("; ", failed)));
      System.out.printf(
          "  %,d pages: %s; heap %s used, %s live after a full GC%n",
          watched.size(),
          failed.isEmpty() ? "holds" : String.join("; ", failed),
          mib(used),
          mib(live));
      if (!failed.isEmpty()) {
        stoppedBecause = String.join("; ", failed);
        break;
      }
      largest = watched.size();
    }
    reading.set(false);
    kafkaReader.join();
    pages.forEach(TrackingPage::close);
    System.out.println();
    System.out.printf(
        "Tracking pages on one notifier (-Xmx%s), %d s measured per step after %d s warm-up:%n",
        heap, seconds, warmup);
    System.out.println(
        "| pages | load (events/s; to watched jobs) | event → frame p50 | p99"
            + " | Kafka produce→consume p99 | updates missing 5 s after the end"
            + " | heap used | live after full GC | verdict |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    rows.forEach(System.out::println);
    System.out.printf(
        "Largest step that held (every page got every update, p99 <= %d ms, live heap <= 1 GiB):"
            + " %s%s%n",
        p99LimitMs,
        largest == null ? "none" : String.format(Locale.ROOT, "%,d pages", largest),
        stoppedBecause == null
            ? " (the last step asked for; step further to find the limit)"
            : "; the next step failed: " + stoppedBecause);
  }

  private static String nanosAsMs(long nanos) {
    return nanos < 0 || nanos == Long.MAX_VALUE
        ? "-"
        : String.format(Locale.ROOT, "%,d ms", nanos / 1_000_000);
  }

  private static String mib(long bytes) {
    return bytes < 0 ? "-" : String.format(Locale.ROOT, "%,d MiB", bytes >> 20);
  }

  /** One stage change of a job: its board update and its intent, like the progress job's. */
  private void send(String jobId, String phone, Long timedAt) {
    long version = versions.merge(jobId, 1L, Long::sum);
    Stage stage = STAGES.get((int) ((version - 1) % STAGES.size()));
    Instant now = Instant.now();
    BoardUpdate update =
        new BoardUpdate(
            TENANT,
            LOCATION,
            jobId,
            Journey.VEHICLE_SERVICE,
            stage,
            version,
            1L,
            now,
            null,
            null,
            null,
            List.of(new TimelineEntry(stage, now)));
    Intent intent =
        new Intent(
            Intent.idFor(TENANT, jobId, IntentKind.STAGE_CHANGED, version),
            IntentKind.STAGE_CHANGED,
            TENANT,
            LOCATION,
            jobId,
            Journey.VEHICLE_SERVICE,
            stage,
            null,
            version,
            1L,
            null,
            now,
            null,
            null,
            null,
            phone == null ? null : new Customer("Bench Customer", phone, "en-US", "UTC"),
            "bench-" + jobId + "-" + version);
    if (timedAt != null) {
      atPage.computeIfAbsent(jobId, key -> new ConcurrentSkipListMap<>()).put(version, timedAt);
      inKafka.put(jobId + "/" + version, timedAt);
    }
    producer.send(
        new ProducerRecord<>(Topics.BOARD, update.key(), WireCodec.BOARD_UPDATE.encode(update)));
    producer.send(
        new ProducerRecord<>(Topics.INTENTS, intent.key(), WireCodec.INTENT.encode(intent)));
  }

  /** A page received a view: every timed version up to it is now shown. */
  private void shown(String jobId, long version) {
    long now = System.nanoTime();
    ConcurrentSkipListMap<Long, Long> pending = atPage.get(jobId);
    if (pending == null) {
      return;
    }
    var done = pending.headMap(version, true);
    for (Long sentAt : done.values()) {
      synchronized (this) {
        pageLatency.recordValue(Math.max(0, now - sentAt));
      }
    }
    done.clear();
  }

  /** Kafka's own produce→consume latency for the same timed updates, in the same run. */
  private Thread kafkaReader(String bootstrap, AtomicBoolean reading) {
    Thread thread =
        new Thread(
            () -> {
              Properties props = new Properties();
              props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
              props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
              props.put(
                  ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
              props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
              try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
                List<TopicPartition> partitions =
                    consumer.partitionsFor(Topics.BOARD).stream()
                        .map(info -> new TopicPartition(Topics.BOARD, info.partition()))
                        .toList();
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                while (reading.get()) {
                  for (ConsumerRecord<String, byte[]> record :
                      consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    if (!record.key().startsWith(TENANT + "/W")) {
                      continue;
                    }
                    String jobId = record.key().substring(TENANT.length() + 1);
                    long version =
                        WireCodec.MAPPER.readTree(record.value()).get("version").asLong();
                    Long sentAt = inKafka.remove(jobId + "/" + version);
                    if (sentAt != null) {
                      synchronized (this) {
                        kafkaLatency.recordValue(Math.max(0, now - sentAt));
                      }
                    }
                  }
                }
              }
            },
            "kafka-latency-reader");
    thread.start();
    return thread;
  }

  private static KafkaProducer<String, byte[]> producer(String bootstrap) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    return new KafkaProducer<>(props);
  }

  private static Histogram histogram() {
    return new Histogram(Duration.ofMinutes(10).toNanos(), 3);
  }

  private static String ms(Histogram histogram, double percentile) {
    if (histogram.getTotalCount() == 0) {
      return "-";
    }
    return String.format(
        Locale.ROOT, "%,d ms", histogram.getValueAtPercentile(percentile) / 1_000_000);
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --option value, got " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }
}
