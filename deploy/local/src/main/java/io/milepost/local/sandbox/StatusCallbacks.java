package io.milepost.local.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays the carrier: moves each accepted message to {@code sent}, then {@code delivered} (or {@code
 * undelivered} for numbers configured so), and tells the message's StatusCallback each time with a
 * form post signed like Twilio's.
 */
final class StatusCallbacks implements AutoCloseable {
  private final MessageStore store;
  private final SandboxSettings settings;
  private final Clock clock;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "sandbox-carrier");
            thread.setDaemon(true);
            return thread;
          });
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  StatusCallbacks(MessageStore store, SandboxSettings settings, Clock clock) {
    this.store = store;
    this.settings = settings;
    this.clock = clock;
  }

  void accepted(SandboxMessage message) {
    long sentAfter = settings.sentDelay().toMillis();
    long finalAfter = sentAfter + settings.deliveredDelay().toMillis();
    scheduler.schedule(
        () -> advance(message.sid(), "sent", null), sentAfter, TimeUnit.MILLISECONDS);
    if (settings.undeliverable().contains(message.to())) {
      // 30003: the handset is unreachable, the error Twilio reports for phones switched off.
      scheduler.schedule(
          () -> advance(message.sid(), "undelivered", 30003), finalAfter, TimeUnit.MILLISECONDS);
    } else {
      scheduler.schedule(
          () -> advance(message.sid(), "delivered", null), finalAfter, TimeUnit.MILLISECONDS);
    }
  }

  private void advance(String sid, String status, Integer errorCode) {
    SandboxMessage message =
        store.update(
            sid,
            current ->
                errorCode == null
                    ? current.withStatus(status, clock.instant())
                    : current.withFailure(status, errorCode, clock.instant()));
    if (message != null && message.statusCallback() != null) {
      String outcome = status + " → " + notify(message);
      store.update(sid, current -> current.withCallback(outcome));
    }
  }

  /** Posts the callback; returns what happened, for the page. Twilio does not retry these. */
  private String notify(SandboxMessage message) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("AccountSid", message.accountSid());
    params.put("ApiVersion", TwilioJson.API_VERSION);
    params.put("From", message.from() == null ? "" : message.from());
    if (message.messagingServiceSid() != null) {
      params.put("MessagingServiceSid", message.messagingServiceSid());
    }
    params.put("MessageSid", message.sid());
    params.put("MessageStatus", message.status());
    params.put("SmsSid", message.sid());
    params.put("SmsStatus", message.status());
    params.put("To", message.to());
    if (message.errorCode() != null) {
      params.put("ErrorCode", message.errorCode().toString());
    }
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(message.statusCallback()))
            .timeout(Duration.ofSeconds(5))
            .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
            .header("User-Agent", "TwilioProxy/1.1 (milepost local sandbox)")
            .header(
                "X-Twilio-Signature",
                TwilioSignature.sign(message.statusCallback(), params, settings.authToken()))
            .POST(HttpRequest.BodyPublishers.ofString(FormData.encode(params)))
            .build();
    try {
      return "HTTP " + http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return "unreachable (" + e.getClass().getSimpleName() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
