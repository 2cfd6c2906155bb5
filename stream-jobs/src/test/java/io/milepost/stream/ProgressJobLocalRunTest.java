package io.milepost.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.milepost.schemas.Intent;
import io.milepost.schemas.Topics;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the local launcher does with {@code --local}: an in-process cluster with the Flink web UI,
 * and the production environment settings (no Kryo fallback) applied to the real pipeline.
 */
class ProgressJobLocalRunTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @RegisterExtension final JobOnBroker kafka = new JobOnBroker();

  @Test
  void localRunServesTheWebUiAndProcessesEvents() throws Exception {
    int port = freePort();
    Configuration options =
        ProgressJobOptions.fromArgs(
            new String[] {
              "--local",
              "--web-ui-port",
              String.valueOf(port),
              "--bootstrap-servers",
              kafka.broker().bootstrapServers(),
              "--parallelism",
              "1",
              "--checkpoint-interval",
              "500 ms"
            },
            Map.of());
    kafka.startKafkaJob(ProgressJob.environment(options), options);

    ServiceDay.send(kafka.broker(), ServiceDay.MORNING.subList(0, 1));

    List<Intent> intents =
        kafka.broker().read(Topics.INTENTS, true, 1).stream()
            .map(record -> ServiceDay.intent(record.value()))
            .toList();
    assertThat(intents)
        .extracting(Intent::intentId)
        .containsExactly(ServiceDay.MORNING_INTENTS.get(0));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(get("http://localhost:" + port + "/jobs/overview"))
                    .contains("\"name\":\"" + ProgressJob.JOB_NAME + "\"")
                    .contains("\"state\":\"RUNNING\""));
  }

  private static String get(String url) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
