package io.milepost.local.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local stand-in for Twilio's SMS API, for running Milepost without a Twilio account: it accepts
 * messages the way Twilio does (same paths, auth, JSON and error codes, so twilio-java cannot tell
 * the difference), plays the carrier with signed status callbacks, and shows every message on a
 * page at {@code /}. Settings: {@link SandboxSettings}.
 */
public final class TwilioSandbox implements AutoCloseable {
  private final SandboxSettings settings;
  private final MessageStore store = new MessageStore();
  private final StatusCallbacks carrier;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);

  TwilioSandbox(SandboxSettings settings, Clock clock) throws IOException {
    this.settings = settings;
    this.carrier = new StatusCallbacks(store, settings, clock);
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", settings.port()), 50);
    server.createContext("/2010-04-01/", new MessagesApi(store, carrier, settings, clock));
    server.createContext("/reply", new CustomerReplies(store, settings, clock));
    server.createContext("/", new MessagesPage(store));
    server.setExecutor(executor);
    server.start();
  }

  /**
   * Starts a sandbox in this JVM (for embedders such as end-to-end tests); carrier delays and
   * undeliverable numbers as in {@link SandboxSettings}'s defaults.
   *
   * @param port 0 for any free port (see {@link #port()})
   */
  public static TwilioSandbox start(int port, String accountSid, String authToken)
      throws IOException {
    SandboxSettings defaults = SandboxSettings.from(new String[0], java.util.Map.of());
    return new TwilioSandbox(
        new SandboxSettings(
            port,
            accountSid,
            authToken,
            defaults.sentDelay(),
            defaults.deliveredDelay(),
            defaults.undeliverable()),
        Clock.systemUTC());
  }

  public static void main(String[] args) throws IOException {
    SandboxSettings settings = SandboxSettings.from(args, System.getenv());
    TwilioSandbox sandbox = new TwilioSandbox(settings, Clock.systemUTC());
    Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "sandbox-shutdown"));
    System.out.printf(
        "Twilio sandbox listening on http://127.0.0.1:%d (account %s); messages at"
            + " http://localhost:%d/%n",
        sandbox.port(), settings.accountSid(), sandbox.port());
  }

  /** The port actually bound; differs from the setting when that was 0. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Base URL to give twilio-java (e.g. the notifier's {@code MILEPOST_TWILIO_API_BASE_URL}). */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  SandboxSettings settings() {
    return settings;
  }

  MessageStore messages() {
    return store;
  }

  @Override
  public void close() {
    server.stop(0);
    carrier.close();
    executor.shutdownNow();
  }
}
