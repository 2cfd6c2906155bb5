package io.milepost.stream;

import static io.milepost.stream.ProgressJobOptions.BOOTSTRAP_SERVERS;
import static io.milepost.stream.ProgressJobOptions.BOUNDED;
import static io.milepost.stream.ProgressJobOptions.CHECKPOINT_INTERVAL;
import static io.milepost.stream.ProgressJobOptions.CHECKPOINT_TIMEOUT;
import static io.milepost.stream.ProgressJobOptions.FROM_EARLIEST;
import static io.milepost.stream.ProgressJobOptions.GROUP_ID;
import static io.milepost.stream.ProgressJobOptions.LOCAL;
import static io.milepost.stream.ProgressJobOptions.RESTART_BUDGET;
import static io.milepost.stream.ProgressJobOptions.SEEN_EVENTS_LIMIT;
import static io.milepost.stream.ProgressJobOptions.TERMINAL_GRACE;
import static io.milepost.stream.ProgressJobOptions.TRANSACTION_TIMEOUT;
import static io.milepost.stream.ProgressJobOptions.WEB_UI_PORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.description.HtmlFormatter;
import org.junit.jupiter.api.Test;

class ProgressJobOptionsTest {
  @Test
  void nothingGivenMeansTheLocalDefaults() {
    Configuration options = ProgressJobOptions.fromArgs(new String[0], Map.of());

    assertThat(options.toMap()).isEmpty();
    assertThat(options.get(BOOTSTRAP_SERVERS)).isEqualTo("localhost:9092");
    assertThat(options.get(GROUP_ID)).isEqualTo("milepost-progress");
    assertThat(options.get(CHECKPOINT_INTERVAL)).isEqualTo(Duration.ofSeconds(2));
    assertThat(options.get(WEB_UI_PORT)).isEqualTo(8081);
    assertThat(options.get(LOCAL)).isFalse();
  }

  @Test
  void commandLineWinsOverEnvironmentWhichWinsOverDefaults() {
    Configuration options =
        ProgressJobOptions.fromArgs(
            new String[] {"--bootstrap-servers", "kafka-1:9092", "--checkpoint-interval", "500 ms"},
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "from-env:9092",
                "MILEPOST_PROGRESS_GROUP_ID", "group-from-env",
                "MILEPOST_PROGRESS_TERMINAL_GRACE", "PT1H",
                "MILEPOST_PROGRESS_SEEN_EVENTS_LIMIT", " 16 "));

    assertThat(options.get(BOOTSTRAP_SERVERS)).isEqualTo("kafka-1:9092");
    assertThat(options.get(CHECKPOINT_INTERVAL)).isEqualTo(Duration.ofMillis(500));
    assertThat(options.get(GROUP_ID)).isEqualTo("group-from-env");
    assertThat(options.get(TERMINAL_GRACE)).isEqualTo(Duration.ofHours(1));
    assertThat(options.get(SEEN_EVENTS_LIMIT)).isEqualTo(16);
  }

  @Test
  void flagsNeedNoValue() {
    Configuration options =
        ProgressJobOptions.fromArgs(
            new String[] {"--local", "--web-ui-port", "18081", "--bounded"}, Map.of());

    assertThat(options.get(LOCAL)).isTrue();
    assertThat(options.get(WEB_UI_PORT)).isEqualTo(18081);
    assertThat(options.get(BOUNDED)).isTrue();
    assertThat(options.get(FROM_EARLIEST)).isFalse();
  }

  @Test
  void unknownOptionIsNamedWithTheKnownOnes() {
    assertThatThrownBy(() -> ProgressJobOptions.fromArgs(new String[] {"--bootstrap"}, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown option --bootstrap;")
        .hasMessageContaining("--bootstrap-servers")
        .hasMessageContaining("--restart-budget");
  }

  @Test
  void badValueIsNamedWithItsOption() {
    assertThatThrownBy(
            () ->
                ProgressJobOptions.fromArgs(
                    new String[] {"--checkpoint-interval", "often"}, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--checkpoint-interval 'often' is not a duration such as 500 ms, 2 s or PT2S");
    assertThatThrownBy(
            () ->
                ProgressJobOptions.fromArgs(
                    new String[0], Map.of("MILEPOST_PROGRESS_WEB_UI_PORT", "eighty")))
        .hasMessage("--web-ui-port 'eighty' is not a whole number");
    assertThatThrownBy(() -> ProgressJobOptions.fromArgs(new String[] {"--local", "yes"}, Map.of()))
        .hasMessage("--local 'yes' is not true or false");
  }

  @Test
  void valueOutOfRangeIsNamedWithItsOption() {
    assertThatThrownBy(
            () -> ProgressJobOptions.fromArgs(new String[] {"--seen-events-limit", "0"}, Map.of()))
        .hasMessage("--seen-events-limit must be at least 1");
    assertThatThrownBy(
            () ->
                ProgressJobOptions.validate(
                    new Configuration().set(CHECKPOINT_TIMEOUT, Duration.ZERO)))
        .hasMessage("--checkpoint-timeout must be positive");
  }

  @Test
  void transactionsMustOutliveACheckpointAndARestart() {
    assertThatThrownBy(
            () ->
                ProgressJobOptions.fromArgs(
                    new String[] {"--transaction-timeout", "5 min", "--restart-budget", "3 min"},
                    Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "--transaction-timeout (5 min) must be at least --checkpoint-interval"
                + " + --checkpoint-timeout + --restart-budget (2 s + 2 min + 3 min = 302 s)");
  }

  @Test
  void theJobRefusesOptionsThatLetTransactionsExpire() {
    Configuration options =
        new Configuration()
            .set(CHECKPOINT_INTERVAL, Duration.ofSeconds(10))
            .set(CHECKPOINT_TIMEOUT, Duration.ofMinutes(5))
            .set(RESTART_BUDGET, Duration.ofMinutes(5))
            .set(TRANSACTION_TIMEOUT, Duration.ofMinutes(10));

    assertThatThrownBy(() -> ProgressJob.kafka(options))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--transaction-timeout (10 min) must be at least");
  }

  @Test
  void theDefaultsLeaveTheTransactionRoomForACheckpointAndARestart() {
    Configuration defaults = new Configuration();

    ProgressJobOptions.validate(defaults);
    assertThat(defaults.get(TRANSACTION_TIMEOUT))
        .isGreaterThanOrEqualTo(
            defaults
                .get(CHECKPOINT_INTERVAL)
                .plus(defaults.get(CHECKPOINT_TIMEOUT))
                .plus(defaults.get(RESTART_BUDGET)))
        // Kafka's default transaction.max.timeout.ms: a broker left at its defaults accepts them.
        .isLessThanOrEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void readmeListsEveryOptionAsDeclared() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    String begin = "<!-- options: generated from ProgressJobOptions, checked by its test -->\n";
    String end = "<!-- options end -->";
    assertThat(readme).contains(begin).contains(end);
    String table =
        readme.substring(readme.indexOf(begin) + begin.length(), readme.indexOf(end)).strip();

    assertThat(table)
        .as("paste this table into stream-jobs/README.md:%n%s", expectedTable())
        .isEqualTo(expectedTable());
  }

  private static String expectedTable() {
    Stream<String> header =
        Stream.of("| option | environment | default | meaning |", "|---|---|---|---|");
    Stream<String> rows = ProgressJobOptions.all().stream().map(ProgressJobOptionsTest::row);
    return Stream.concat(header, rows).collect(Collectors.joining("\n"));
  }

  private static String row(ConfigOption<?> option) {
    return String.join(
        " | ",
        List.of(
            "| `" + ProgressJobOptions.flag(option) + "`",
            "`" + ProgressJobOptions.environmentVariable(option) + "`",
            "`" + ProgressJobOptions.format(option.defaultValue()) + "`",
            new HtmlFormatter().format(option.description()).replace("|", "\\|") + " |"));
  }
}
