package io.milepost.notifier.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class IngestPropertiesTests {

  @Test
  void printingTheSettingsShowsNoKey() {
    IngestProperties properties =
        new IngestProperties(
            List.of("acme-motors:secret-key-1"),
            500,
            DataSize.ofMegabytes(1),
            Duration.ofSeconds(15),
            Duration.ofSeconds(30),
            null);

    assertThat(properties.toString()).doesNotContain("secret-key-1").contains("1 configured");
  }
}
