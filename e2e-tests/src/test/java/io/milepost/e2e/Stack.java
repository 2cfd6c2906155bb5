package io.milepost.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.milepost.notifier.NotifierApplication;
import io.milepost.schemas.Topics;
import io.milepost.stream.ProgressJob;
import io.milepost.stream.ProgressJobOptions;
import io.milepost.testing.FreshDatabase;
import io.milepost.testing.KafkaBroker;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Everything Milepost runs on, started for real in this JVM: a KRaft broker, a fresh PostgreSQL
 * database, a local stub of Twilio's API (the only stand-in: Twilio's servers are a paid remote
 * service), the notifier, and the Flink job on the test's MiniCluster (the calling class registers
 * the {@code MiniClusterExtension}).
 */
final class Stack implements AutoCloseable {
  static final String TENANT = "acme-motors";
  static final String ACCOUNT_SID = "ACe2e00000000000000000000000000000";
  static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";

  /** What Twilio answers a message it accepted (a WireMock response template: a new SID each). */
  private static final String ACCEPTED =
      """
      {"sid": "SM{{randomValue length=32 type='HEXADECIMAL'}}", "account_sid": "%s",
       "status": "queued", "to": "+10000000000",
       "from": "+15005550006", "body": "", "direction": "outbound-api",
       "num_segments": "1", "api_version": "2010-04-01",
       "date_created": "Tue, 24 Nov 2026 08:00:00 +0000",
       "date_updated": "Tue, 24 Nov 2026 08:00:00 +0000", "date_sent": null,
       "error_code": null, "error_message": null, "price": null,
       "uri": "%s"}
      """
          .formatted(ACCOUNT_SID, MESSAGES);

  final String apiKey = "e2e-" + Long.toHexString(System.nanoTime());
  final KafkaBroker kafka;
  final FreshDatabase database;
  final WireMockServer twilio;
  final int port;
  ConfigurableApplicationContext notifier;
  JobClient progressJob;

  private Stack() throws Exception {
    kafka = KafkaBroker.start();
    kafka.createTopics(
        Topics.OPS_EVENTS,
        Topics.OPS_EVENTS_DLQ,
        Topics.INTENTS,
        Topics.BOARD,
        Topics.RULES,
        Topics.CX_METRICS);
    database = FreshDatabase.create();
    twilio = new WireMockServer(options().dynamicPort());
    twilio.start();
    port = freePort();
  }

  /**
   * Starts it all.
   *
   * @param notifierSettings settings beyond the stack's own, e.g. people who may sign in
   * @param jobArgs the Flink job's options beyond the broker, checkpoint interval and parallelism
   */
  static Stack start(Map<String, Object> notifierSettings, String... jobArgs) throws Exception {
    Stack stack = new Stack();
    try {
      stack.twilio.stubFor(
          post(urlPathEqualTo(MESSAGES))
              .willReturn(
                  aResponse()
                      .withStatus(201)
                      .withHeader("Content-Type", "application/json")
                      .withBody(ACCEPTED)
                      .withTransformers("response-template")));
      stack.startNotifier(notifierSettings);
      stack.startJob(jobArgs);
      return stack;
    } catch (Exception | Error e) {
      stack.close();
      throw e;
    }
  }

  String baseUrl() {
    return "http://localhost:" + port;
  }

  private void startNotifier(Map<String, Object> extra) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("server.port", port);
    settings.put("milepost.public-base-url", baseUrl());
    settings.put("spring.datasource.url", database.jdbcUrl());
    settings.put("spring.datasource.username", database.username());
    settings.put("spring.datasource.password", database.password());
    settings.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
    settings.put("milepost.twilio.account-sid", ACCOUNT_SID);
    settings.put("milepost.twilio.auth-token", "e2e-auth-token");
    settings.put("milepost.twilio.from-number", "+15005550006");
    settings.put("milepost.twilio.api-base-url", "http://localhost:" + twilio.port());
    settings.put("milepost.ingest.api-keys", TENANT + ":" + apiKey);
    // The path, not the hour: a text due at night would be held until morning.
    settings.put("milepost.quiet-hours.enabled", "false");
    settings.putAll(extra);
    // As command-line arguments: builder "properties" are defaults that application.yml overrides.
    notifier =
        new SpringApplicationBuilder(NotifierApplication.class)
            .run(
                settings.entrySet().stream()
                    .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                    .toArray(String[]::new));
  }

  private void startJob(String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--checkpoint-interval",
                "500 ms",
                "--parallelism",
                "2",
                "--from-earliest"));
    args.addAll(List.of(extra));
    Configuration jobOptions = ProgressJobOptions.fromArgs(args.toArray(String[]::new), Map.of());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    ProgressJob.kafka(jobOptions).build(env);
    progressJob = env.executeAsync(ProgressJob.JOB_NAME);
  }

  @Override
  public void close() throws Exception {
    if (progressJob != null) {
      progressJob.cancel().get(30, TimeUnit.SECONDS);
    }
    if (notifier != null) {
      notifier.close();
    }
    twilio.stop();
    kafka.close();
    database.close();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
