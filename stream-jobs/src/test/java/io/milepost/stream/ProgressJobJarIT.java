package io.milepost.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.schemas.Intent;
import io.milepost.schemas.IntentKind;
import io.milepost.schemas.Topics;
import io.milepost.testing.KafkaBroker;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The attached job jar ({@code target/stream-jobs-<version>-job.jar}) as a Flink cluster gets it:
 * it carries the job, the schemas and the Kafka connector, and not Flink or a logging backend; and
 * in a JVM whose classpath is that jar plus only the {@code provided} Flink jars and logging, it
 * runs the job end to end against a real broker. Runs under failsafe, after {@code package}.
 */
class ProgressJobJarIT {
  private static final Path TARGET = Path.of("target");
  private static final Path CHILD_LOG = TARGET.resolve("progress-job-jar-it.log");
  private static final Duration INTENT_BOUND = Duration.ofSeconds(45);

  @Test
  void theJobJarCarriesTheJobSchemasAndConnectorButNotFlinkOrLogging() throws Exception {
    try (JarFile jar = new JarFile(jobJar().toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue(Attributes.Name.MAIN_CLASS))
          .isEqualTo(ProgressJob.class.getName());
      Set<String> entries = jar.stream().map(JarEntry::getName).collect(Collectors.toSet());
      assertThat(entries)
          .contains(
              "io/milepost/stream/ProgressJob.class",
              "io/milepost/schemas/WireCodec.class",
              // WireCodec loads its schemas from classpath:io/milepost/schemas/
              "io/milepost/schemas/ops-event.v1.json",
              "io/milepost/schemas/intent.v1.json",
              "io/milepost/schemas/board-update.v1.json",
              "io/milepost/schemas/rules.v1.json",
              "io/milepost/schemas/cx-metrics.v1.json",
              "org/apache/flink/connector/kafka/source/KafkaSource.class",
              "org/apache/flink/connector/kafka/sink/KafkaSink.class",
              // the Kafka connector marks flink-connector-base provided; the job jar brings it
              "org/apache/flink/connector/base/source/reader/SourceReaderBase.class",
              "org/apache/kafka/clients/producer/KafkaProducer.class")
          .doesNotContain(
              "org/apache/flink/streaming/api/environment/StreamExecutionEnvironment.class",
              "org/apache/flink/runtime/minicluster/MiniCluster.class",
              "org/apache/flink/api/common/functions/RichFunction.class",
              "org/apache/flink/client/program/PackagedProgram.class");
      assertThat(entries)
          .as("a logging backend or facade in the job jar clashes with the cluster's")
          .noneMatch(name -> name.startsWith("org/slf4j/"))
          .noneMatch(name -> name.startsWith("org/apache/logging/log4j/"));

      // Every service the connector and kafka-clients declare survives the merge into one file.
      for (Path bundled : classpath("flink-connector-kafka-", "kafka-clients-")) {
        try (JarFile dependency = new JarFile(bundled.toFile())) {
          List<JarEntry> services =
              dependency.stream()
                  .filter(e -> e.getName().startsWith("META-INF/services/") && !e.isDirectory())
                  .toList();
          for (JarEntry service : services) {
            JarEntry merged = jar.getJarEntry(service.getName());
            assertThat(merged).as(service.getName() + " from " + bundled.getFileName()).isNotNull();
            assertThat(providers(jar, merged))
                .as(service.getName() + " in the job jar")
                .containsAll(providers(dependency, service));
          }
        }
      }
    }
  }

  @Test
  void theShadedJobJarRunsTheJobWithOnlyFlinkOnTheClasspath() throws Exception {
    List<Path> cluster = clusterClasspath();
    String classpath =
        String.join(
            File.pathSeparator,
            concat(List.of(jobJar().toString()), cluster.stream().map(Path::toString).toList()));
    try (KafkaBroker broker = JobOnBroker.startWithJobTopics()) {
      List<String> command =
          List.of(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-Xmx512m",
              "-XX:+UseSerialGC",
              "-cp",
              classpath,
              ProgressJob.class.getName(),
              "--local",
              "--web-ui-port",
              String.valueOf(freePort()),
              "--bootstrap-servers",
              broker.bootstrapServers(),
              "--parallelism",
              "1",
              "--checkpoint-interval",
              "500 ms");
      Process job =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(CHILD_LOG.toFile())
              .start();
      try {
        ServiceDay.send(broker, ServiceDay.MORNING.subList(0, 1)); // a check-in with a customer

        List<Intent> intents = new ArrayList<>();
        Instant deadline = Instant.now().plus(INTENT_BOUND);
        while (intents.isEmpty() && job.isAlive() && Instant.now().isBefore(deadline)) {
          for (ConsumerRecord<String, byte[]> record :
              broker.read(Topics.INTENTS, true, 1, Duration.ofSeconds(2), Duration.ZERO)) {
            intents.add(ServiceDay.intent(record.value()));
          }
        }
        assertThat(intents)
            .as(diagnosis(job, cluster))
            .singleElement()
            .satisfies(
                intent -> {
                  assertThat(intent.kind()).isEqualTo(IntentKind.STAGE_CHANGED);
                  assertThat(intent.intentId()).isEqualTo(ServiceDay.MORNING_INTENTS.get(0));
                });
      } finally {
        job.destroy();
        if (!job.waitFor(15, TimeUnit.SECONDS)) {
          job.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
        }
      }
    }
  }

  /** target/stream-jobs-*-job.jar, built by the package phase before failsafe runs. */
  private static Path jobJar() throws IOException {
    List<Path> jars = new ArrayList<>();
    try (DirectoryStream<Path> found = Files.newDirectoryStream(TARGET, "stream-jobs-*-job.jar")) {
      found.forEach(jars::add);
    }
    assertThat(jars).as("the shaded job jar in " + TARGET.toAbsolutePath()).hasSize(1);
    return jars.get(0);
  }

  /**
   * What a Flink cluster puts beside the job jar: Flink's modules and the third-party jars they
   * bring (flink-dist bundles them; datagen is one), as {@code maven-dependency-plugin} listed the
   * provided dependencies before this test, and the logging jars from this test's classpath; never
   * the Kafka connector, which travels in the job jar, nor a test library.
   */
  private static List<Path> clusterClasspath() throws IOException {
    List<Path> provided = new ArrayList<>();
    for (String line : Files.readAllLines(TARGET.resolve("flink-provided-classpath.txt"))) {
      for (String entry : line.split(File.pathSeparator)) {
        if (!entry.isBlank()) {
          provided.add(Path.of(entry));
        }
      }
    }
    provided.addAll(classpath("slf4j-api-", "log4j-"));
    List<Path> chosen =
        provided.stream()
            .distinct()
            .filter(jar -> !jar.getFileName().toString().startsWith("flink-connector-kafka-"))
            .toList();
    assertThat(chosen)
        .as("Flink and logging from the provided classpath")
        .anyMatch(jar -> jar.getFileName().toString().startsWith("flink-streaming-java-"))
        .anyMatch(jar -> jar.getFileName().toString().startsWith("log4j-core-"));
    return chosen;
  }

  /** Jars on this test's classpath whose file name starts with one of {@code prefixes}. */
  private static List<Path> classpath(String... prefixes) {
    String testClasspath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Arrays.stream(testClasspath.split(File.pathSeparator))
        .map(Path::of)
        .filter(
            entry ->
                Arrays.stream(prefixes)
                    .anyMatch(prefix -> entry.getFileName().toString().startsWith(prefix)))
        .filter(entry -> entry.getFileName().toString().endsWith(".jar"))
        .toList();
  }

  private static List<String> providers(JarFile jar, JarEntry service) throws IOException {
    try (InputStream in = jar.getInputStream(service)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(line -> line.replaceFirst("#.*", "").trim())
          .filter(line -> !line.isEmpty())
          .toList();
    }
  }

  private static String diagnosis(Process job, List<Path> cluster) throws IOException {
    String log = Files.exists(CHILD_LOG) ? Files.readString(CHILD_LOG) : "";
    String tail = log.length() > 6000 ? log.substring(log.length() - 6000) : log;
    return "one STAGE_CHANGED intent, read_committed, within "
        + INTENT_BOUND
        + "; the job JVM is "
        + (job.isAlive() ? "alive" : "gone (exit " + job.exitValue() + ")")
        + "\ncluster classpath beside the job jar:\n  "
        + cluster.stream().map(Path::toString).collect(Collectors.joining("\n  "))
        + "\nlast of "
        + CHILD_LOG.toAbsolutePath()
        + ":\n"
        + tail;
  }

  private static <T> List<T> concat(List<T> first, List<T> second) {
    List<T> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
