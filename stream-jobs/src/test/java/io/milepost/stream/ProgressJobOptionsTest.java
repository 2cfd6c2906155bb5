package io.milepost.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressJobOptionsTest {
  @Test
  void nothingGivenMeansTheLocalDefaults() {
    ProgressJobOptions options = ProgressJobOptions.fromArgs(new String[0], Map.of());

    assertThat(options).isEqualTo(ProgressJobOptions.DEFAULTS);
    assertThat(options.bootstrapServers()).isEqualTo("localhost:9092");
    assertThat(options.groupId()).isEqualTo("milepost-progress");
    assertThat(options.transactionalIdPrefix()).isEqualTo("milepost-progress-intents");
    assertThat(options.checkpointInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(options.webUiPort()).isEqualTo(8081);
    assertThat(options.local()).isFalse();
  }

  @Test
  void commandLineWinsOverEnvironmentWhichWinsOverDefaults() {
    ProgressJobOptions options =
        ProgressJobOptions.fromArgs(
            new String[] {"--bootstrap-servers", "kafka-1:9092", "--checkpoint-interval", "500 ms"},
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "from-env:9092",
                "MILEPOST_PROGRESS_GROUP_ID", "group-from-env",
                "MILEPOST_PROGRESS_TERMINAL_GRACE", "PT1H"));

    assertThat(options.bootstrapServers()).isEqualTo("kafka-1:9092");
    assertThat(options.checkpointInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(options.groupId()).isEqualTo("group-from-env");
    assertThat(options.terminalGrace()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void flagsNeedNoValue() {
    ProgressJobOptions options =
        ProgressJobOptions.fromArgs(
            new String[] {"--local", "--web-ui-port", "18081", "--bounded"}, Map.of());

    assertThat(options.local()).isTrue();
    assertThat(options.webUiPort()).isEqualTo(18081);
    assertThat(options.bounded()).isTrue();
    assertThat(options.fromEarliest()).isFalse();
  }

  @Test
  void unknownOptionIsNamedWithTheKnownOnes() {
    assertThatThrownBy(() -> ProgressJobOptions.fromArgs(new String[] {"--bootstrap"}, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown option --bootstrap")
        .hasMessageContaining("--bootstrap-servers");
  }

  @Test
  void badValueIsNamedWithItsOption() {
    assertThatThrownBy(
            () ->
                ProgressJobOptions.fromArgs(
                    new String[] {"--checkpoint-interval", "often"}, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--checkpoint-interval 'often' is not a duration");
  }

  @Test
  void transactionMustOutliveTheCheckpointInterval() {
    assertThatThrownBy(
            () ->
                ProgressJobOptions.builder()
                    .checkpointInterval(Duration.ofMinutes(20))
                    .transactionTimeout(Duration.ofMinutes(10))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--transaction-timeout must be longer than --checkpoint-interval");
  }
}
