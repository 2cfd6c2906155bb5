package io.milepost.notifier;

import io.milepost.testing.FreshDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole app, started and stopped by a test that needs its own settings: a restart on the same
 * database, Kafka out of reach. It gets its own database (its startup would otherwise change the
 * shared context's API keys) and its Kafka listeners never start, so it takes no records from the
 * shared context's consumers and sends no texts of theirs.
 */
final class StandaloneNotifier implements AutoCloseable {
  private final ConfigurableApplicationContext context;

  private StandaloneNotifier(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /**
   * @param settings more {@code name=value} settings; they win over the defaults here
   */
  static StandaloneNotifier start(FreshDatabase database, Map<String, String> settings) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("server.port", "0");
    all.put("spring.datasource.url", database.jdbcUrl());
    all.put("spring.datasource.username", database.username());
    all.put("spring.datasource.password", database.password());
    all.put("spring.kafka.bootstrap-servers", "localhost:" + closedPort());
    all.put("spring.kafka.listener.auto-startup", "false");
    all.put("spring.main.banner-mode", "off");
    // Not Twilio's own API, and no placeholder token: nothing here sends a text.
    all.put("milepost.twilio.api-base-url", "http://localhost:" + closedPort());
    all.put("milepost.twilio.auth-token", "standalone-test-token");
    // Tests of restarts and outages, not of the hour: the same outcome whenever they run.
    all.put("milepost.quiet-hours.enabled", "false");
    all.putAll(settings);
    // Command-line arguments: they win over application.yml, as the environment would.
    List<String> args = new ArrayList<>();
    all.forEach((name, value) -> args.add("--" + name + "=" + value));
    return new StandaloneNotifier(
        new SpringApplicationBuilder(NotifierApplication.class).run(args.toArray(String[]::new)));
  }

  int port() {
    return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
  }

  @Override
  public void close() {
    context.close();
  }

  /** A port nothing listens on (it was free a moment ago). */
  static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
