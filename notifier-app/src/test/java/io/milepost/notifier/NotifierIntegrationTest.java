package io.milepost.notifier;

import io.milepost.schemas.BoardUpdate;
import io.milepost.schemas.Intent;
import io.milepost.schemas.Topics;
import io.milepost.schemas.WireCodec;
import io.milepost.testing.KafkaBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of every test that starts the whole app against real Kafka, PostgreSQL and twilio-java
 * talking to a WireMock Twilio. Every subclass shares one Spring context.
 */
@SpringBootTest(
    classes = {
      NotifierApplication.class,
      TestClock.Configuration.class,
      DroppableConnections.Configuration.class
    },
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class NotifierIntegrationTest {
  static final String PUBLIC_BASE_URL = "https://notify.example.test";
  static final String ACME_KEY = "acme-test-key-0001";
  static final String SWIFT_KEY = "swift-test-key-0002";
  static final String SLOW_TENANT = "tortoise-tires";
  static final String SLOW_SENDER = "+13125550177";
  static final int SLOW_RATE = 2;
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  protected static final KafkaBroker kafka = TestInfrastructure.KAFKA;
  protected static final HttpClient http = HttpClient.newHttpClient();
  protected static final TestClock clock = TestClock.INSTANCE;

  @LocalServerPort protected int port;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", TestInfrastructure.DATABASE::jdbcUrl);
    registry.add("spring.datasource.username", TestInfrastructure.DATABASE::username);
    registry.add("spring.datasource.password", TestInfrastructure.DATABASE::password);
    registry.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
    registry.add("milepost.public-base-url", () -> PUBLIC_BASE_URL);
    registry.add("milepost.twilio.api-base-url", TestInfrastructure::twilioBaseUrl);
    registry.add("milepost.twilio.account-sid", () -> TestInfrastructure.ACCOUNT_SID);
    registry.add("milepost.twilio.auth-token", () -> TestInfrastructure.AUTH_TOKEN);
    registry.add("milepost.sms.sweep-interval", () -> "PT0.3S");
    // Must exceed connect + read timeout: a send still waiting for its answer is never looked up.
    registry.add("milepost.sms.stuck-after", () -> "PT4S");
    registry.add("milepost.twilio.connect-timeout", () -> "PT1S");
    registry.add("milepost.twilio.read-timeout", () -> "PT2S");
    // Short enough that a listener thread held by Twilio would be thrown out of its group within
    // a test (SmsSendingIntegrationTests), long enough for any record the listeners handle.
    registry.add("spring.kafka.consumer.properties.max.poll.interval.ms", () -> "15000");
    // One sender at a slow rate of its own (SendRateIntegrationTests); the rest send freely.
    registry.add("milepost.twilio.senders", () -> SLOW_TENANT + ":" + SLOW_SENDER);
    registry.add("milepost.sms.rate.per-second", () -> "1000");
    registry.add("milepost.sms.rate.senders", () -> SLOW_SENDER + ":" + SLOW_RATE);
    registry.add("milepost.sms.rate.max-wait", () -> "PT0.5S");
    registry.add("milepost.customer-events.republish-interval", () -> "PT1S");
    registry.add("milepost.csat.sweep-interval", () -> "PT0.5S");
    registry.add("milepost.sms.redeliver-after", () -> "PT0.5S");
    registry.add("milepost.sms.first-retry-after", () -> "PT0.2S");
    registry.add("milepost.sms.max-retry-after", () -> "PT1S");
    // One consumer for both partitions: a retrying partition must not stall the other by itself.
    registry.add("milepost.kafka.concurrency", () -> "1");
    registry.add("milepost.kafka.stuck-after", () -> "PT3S");
    registry.add("milepost.kafka.first-retry-after", () -> "PT0.2S");
    registry.add("milepost.kafka.max-retry-after", () -> "PT1S");
    registry.add(
        "milepost.ingest.api-keys",
        () -> "acme-motors:" + ACME_KEY + ",swift-parcels:" + SWIFT_KEY);
    // Quiet hours stay on (the default), so the tests that hold texts overnight run with the
    // settings people get; the tenants of every other test never have them, so those tests pass
    // at any hour of the day they run.
    registry.add("milepost.quiet-hours.tenants.acme-motors.enabled", () -> "false");
    registry.add("milepost.quiet-hours.tenants.swift-parcels.enabled", () -> "false");
    registry.add("milepost.users[0].username", () -> "dana-dealer");
    registry.add("milepost.users[0].password", () -> "{noop}dealer-password");
    registry.add("milepost.users[0].role", () -> "DEALER");
    registry.add("milepost.users[0].tenant", () -> "acme-motors");
    registry.add("milepost.users[0].locations", () -> "springfield");
    registry.add("milepost.users[1].username", () -> "otto-ops");
    registry.add("milepost.users[1].password", () -> "{noop}ops-password");
    registry.add("milepost.users[1].role", () -> "OPS");
    registry.add("milepost.users[1].tenant", () -> "acme-motors");
    // [2..6]: the board's and the ops console's people. [7..8]: admins of two tenants.
    // The board's isolation tests: a dealer at another location of acme-motors, and a dispatcher
    // of another tenant who sees every location of theirs.
    registry.add("milepost.users[2].username", () -> "sam-shelbyville");
    registry.add("milepost.users[2].password", () -> "{noop}shelbyville-password");
    registry.add("milepost.users[2].role", () -> "DEALER");
    registry.add("milepost.users[2].tenant", () -> "acme-motors");
    registry.add("milepost.users[2].locations", () -> "shelbyville");
    registry.add("milepost.users[3].username", () -> "pia-parcels");
    registry.add("milepost.users[3].password", () -> "{noop}parcels-password");
    registry.add("milepost.users[3].role", () -> "DISPATCHER");
    registry.add("milepost.users[3].tenant", () -> "swift-parcels");
    // A dealer of the tenant whose quiet hours stay on (a manual update at night is held), who
    // reads the board in Spanish.
    registry.add("milepost.users[4].username", () -> "nils-night");
    registry.add("milepost.users[4].password", () -> "{noop}night-password");
    registry.add("milepost.users[4].role", () -> "DEALER");
    registry.add("milepost.users[4].tenant", () -> "night-owl-motors");
    registry.add("milepost.users[4].locations", () -> "riverside");
    registry.add("milepost.users[4].locale", () -> "es");
    // The ops console's isolation tests: an operator of another tenant.
    registry.add("milepost.users[5].username", () -> "sam-swift-ops");
    registry.add("milepost.users[5].password", () -> "{noop}swift-ops-password");
    registry.add("milepost.users[5].role", () -> "OPS");
    registry.add("milepost.users[5].tenant", () -> "swift-parcels");
    registry.add("milepost.users[7].username", () -> "ada-admin");
    registry.add("milepost.users[7].password", () -> "{noop}admin-password");
    registry.add("milepost.users[7].role", () -> "ADMIN");
    registry.add("milepost.users[7].tenant", () -> "acme-motors");
    registry.add("milepost.users[8].username", () -> "sam-admin");
    registry.add("milepost.users[8].password", () -> "{noop}admin-password");
    registry.add("milepost.users[8].role", () -> "ADMIN");
    registry.add("milepost.users[8].tenant", () -> "swift-parcels");
  }

  /** A job id no other test uses. */
  protected static String newJobId(String prefix) {
    return prefix + "-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
  }

  /** A phone number no other test uses, so stubs and request counts stay per test. */
  protected static String newPhone() {
    return "+1415555" + String.format("%04d", 1000 + SEQUENCE.incrementAndGet());
  }

  protected static void publish(Intent intent) {
    kafka.send(Topics.INTENTS, intent.key(), WireCodec.INTENT.encode(intent));
  }

  protected static void publish(BoardUpdate update) {
    kafka.send(Topics.BOARD, update.key(), WireCodec.BOARD_UPDATE.encode(update));
  }

  protected URI local(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  protected HttpResponse<String> httpGet(String path, String apiKey) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(local(path)).GET();
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Rows of a query as column-to-value maps: tests look at the database as a person would. */
  protected static List<Map<String, Object>> rows(String sql, Object... args) {
    try (Connection connection = TestInfrastructure.DATABASE.connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        statement.setObject(i + 1, args[i]);
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int c = 1; c <= result.getMetaData().getColumnCount(); c++) {
            row.put(result.getMetaData().getColumnLabel(c), result.getObject(c));
          }
          rows.add(row);
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  protected static int execute(String sql, Object... args) {
    try (Connection connection = TestInfrastructure.DATABASE.connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        statement.setObject(i + 1, args[i]);
      }
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  protected static String trackingToken(String tenantId, String jobId) {
    List<Map<String, Object>> found =
        rows("SELECT tracking_token FROM jobs WHERE tenant_id = ? AND job_id = ?", tenantId, jobId);
    return found.isEmpty() ? null : (String) found.get(0).get("tracking_token");
  }
}
