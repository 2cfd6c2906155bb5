package io.milepost.local.sandbox;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the sandbox accepts and how fast its carrier is. The defaults match the notifier's own
 * defaults, so both work together with no setting at all.
 *
 * <ul>
 *   <li>{@code MILEPOST_SANDBOX_PORT} (or {@code --port}), default 8089
 *   <li>{@code MILEPOST_TWILIO_ACCOUNT_SID}, default {@code AC00000000000000000000000000000000}
 *   <li>{@code MILEPOST_TWILIO_AUTH_TOKEN}, default {@code local-sandbox-token}
 *   <li>{@code MILEPOST_SANDBOX_SENT_DELAY_MS} (800) and {@code
 *       MILEPOST_SANDBOX_DELIVERED_DELAY_MS} (1500): queued → sent → delivered
 *   <li>{@code MILEPOST_SANDBOX_UNDELIVERABLE}: comma-separated numbers that end undelivered
 *   <li>{@code MILEPOST_SANDBOX_INBOUND_URL}, default {@code
 *       http://localhost:8080/webhooks/twilio/inbound}: where a reply typed on the messages page is
 *       posted, signed as Twilio signs it (the notifier's public base URL and path)
 * </ul>
 */
record SandboxSettings(
    int port,
    String accountSid,
    String authToken,
    Duration sentDelay,
    Duration deliveredDelay,
    Set<String> undeliverable,
    URI inboundUrl) {

  static final URI DEFAULT_INBOUND_URL =
      URI.create("http://localhost:8080/webhooks/twilio/inbound");

  SandboxSettings(
      int port,
      String accountSid,
      String authToken,
      Duration sentDelay,
      Duration deliveredDelay,
      Set<String> undeliverable) {
    this(
        port, accountSid, authToken, sentDelay, deliveredDelay, undeliverable, DEFAULT_INBOUND_URL);
  }

  static final String DEFAULT_ACCOUNT_SID = "AC00000000000000000000000000000000";
  static final String DEFAULT_AUTH_TOKEN = "local-sandbox-token";

  static SandboxSettings from(String[] args, Map<String, String> env) {
    String port = env.getOrDefault("MILEPOST_SANDBOX_PORT", "8089");
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--port")) {
        port = args[i + 1];
      }
    }
    return new SandboxSettings(
        Integer.parseInt(port),
        env.getOrDefault("MILEPOST_TWILIO_ACCOUNT_SID", DEFAULT_ACCOUNT_SID),
        env.getOrDefault("MILEPOST_TWILIO_AUTH_TOKEN", DEFAULT_AUTH_TOKEN),
        Duration.ofMillis(
            Long.parseLong(env.getOrDefault("MILEPOST_SANDBOX_SENT_DELAY_MS", "800"))),
        Duration.ofMillis(
            Long.parseLong(env.getOrDefault("MILEPOST_SANDBOX_DELIVERED_DELAY_MS", "1500"))),
        Arrays.stream(env.getOrDefault("MILEPOST_SANDBOX_UNDELIVERABLE", "").split(","))
            .map(String::strip)
            .filter(number -> !number.isEmpty())
            .collect(Collectors.toUnmodifiableSet()),
        URI.create(
            env.getOrDefault("MILEPOST_SANDBOX_INBOUND_URL", DEFAULT_INBOUND_URL.toString())));
  }
}
