package io.milepost.bench.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One customer's tracking page as the notifier sees it: a STOMP 1.2 client over a plain WebSocket,
 * subscribed to {@code /topic/track/{token}}, reporting the version of each view it receives.
 */
final class TrackingPage implements WebSocket.Listener {
  private static final Pattern JOB = Pattern.compile("\"jobRef\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");

  private final BiConsumer<String, Long> onView;
  private final StringBuilder frame = new StringBuilder();
  private WebSocket socket;

  private TrackingPage(BiConsumer<String, Long> onView) {
    this.onView = onView;
  }

  /** Connects, subscribes, and calls {@code onView(jobRef, version)} for every pushed view. */
  static TrackingPage open(HttpClient http, int port, String token, BiConsumer<String, Long> onView)
      throws Exception {
    TrackingPage page = new TrackingPage(onView);
    page.socket =
        http.newWebSocketBuilder()
            .buildAsync(URI.create("ws://localhost:" + port + "/ws"), page)
            .get(20, TimeUnit.SECONDS);
    page.socket
        .sendText("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\n\n\0", true)
        .get(10, TimeUnit.SECONDS);
    page.socket
        .sendText("SUBSCRIBE\nid:sub-0\ndestination:/topic/track/" + token + "\n\n\0", true)
        .get(10, TimeUnit.SECONDS);
    return page;
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    frame.append(data);
    if (last) {
      String text = frame.toString();
      frame.setLength(0);
      if (text.startsWith("ERROR")) {
        System.err.println("tracking page refused: " + text.replace('\0', ' ').strip());
      } else if (text.startsWith("MESSAGE")) {
        Matcher job = JOB.matcher(text);
        Matcher version = VERSION.matcher(text);
        if (job.find() && version.find()) {
          onView.accept(job.group(1), Long.parseLong(version.group(1)));
        }
      }
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    System.err.println("tracking page: " + error);
  }

  void close() {
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
  }
}
