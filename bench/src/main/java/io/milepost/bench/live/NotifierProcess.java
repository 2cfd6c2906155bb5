package io.milepost.bench.live;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The notifier's runnable jar in a JVM of its own, as it runs in production. */
final class NotifierProcess implements AutoCloseable {
  private final Process process;
  private final int port;

  private NotifierProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static NotifierProcess start(
      File jar,
      String heap,
      String kafka,
      String jdbcUrl,
      String user,
      String password,
      String twilioBaseUrl,
      File log)
      throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    ProcessBuilder builder =
        new ProcessBuilder("java", "-Xmx" + heap, "-jar", jar.getAbsolutePath())
            .redirectErrorStream(true)
            .redirectOutput(log);
    Map<String, String> env = builder.environment();
    env.put("SERVER_PORT", String.valueOf(port));
    env.put("SPRING_DATASOURCE_URL", jdbcUrl);
    env.put("SPRING_DATASOURCE_USERNAME", user);
    env.put("SPRING_DATASOURCE_PASSWORD", password == null ? "" : password);
    env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka);
    env.put("MILEPOST_PUBLIC_BASE_URL", "http://localhost:" + port);
    env.put("MILEPOST_TWILIO_API_BASE_URL", twilioBaseUrl);
    env.put("MILEPOST_TWILIO_ACCOUNT_SID", TwilioStub.ACCOUNT_SID);
    env.put("MILEPOST_TWILIO_AUTH_TOKEN", TwilioStub.AUTH_TOKEN);
    // The bench measures the notifier, not a carrier's pace: no per-sender rate to speak of.
    env.put("MILEPOST_SMS_RATE_PER_SECOND", "100000");
    NotifierProcess notifier = new NotifierProcess(builder.start(), port);
    try {
      notifier.awaitHealthy(Duration.ofSeconds(120));
    } catch (Exception | Error e) {
      // Nobody else holds it yet: a notifier that never came up must not outlive the bench.
      notifier.close();
      throw e;
    }
    return notifier;
  }

  int port() {
    return port;
  }

  boolean alive() {
    return process.isAlive();
  }

  /** The notifier's heap in use now, garbage included (jcmd GC.heap_info), in bytes. */
  long heapUsed() throws Exception {
    return usedHeap(jcmd("GC.heap_info"));
  }

  /**
   * The heap the notifier holds on to: used right after a full GC it is asked for (jcmd GC.run), so
   * what its live state (pages' sessions, subscriptions, caches) takes. Between loads only: a full
   * GC would disturb a measurement.
   */
  long liveHeap() throws Exception {
    jcmd("GC.run");
    return heapUsed();
  }

  private String jcmd(String command) throws Exception {
    Process jcmd =
        new ProcessBuilder("jcmd", String.valueOf(process.pid()), command)
            .redirectErrorStream(true)
            .start();
    String out = new String(jcmd.getInputStream().readAllBytes());
    if (!jcmd.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
      throw new IllegalStateException("jcmd " + command + " failed: " + out);
    }
    return out;
  }

  /** The first "used NK" of GC.heap_info's output: the whole heap's (G1 and the others). */
  static long usedHeap(String heapInfo) {
    java.util.regex.Matcher used =
        java.util.regex.Pattern.compile("used (\\d+)K").matcher(heapInfo);
    if (!used.find()) {
      throw new IllegalStateException("no heap use in: " + heapInfo);
    }
    return Long.parseLong(used.group(1)) * 1024;
  }

  private void awaitHealthy(Duration timeout) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the notifier exited with " + process.exitValue());
      }
      try {
        HttpResponse<String> health =
            http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException notYet) {
        // still starting
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("the notifier did not become healthy within " + timeout);
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
