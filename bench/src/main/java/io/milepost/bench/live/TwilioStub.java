package io.milepost.bench.live;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/** Just enough of Twilio's Messages API for the notifier's SMS to be accepted at once. */
final class TwilioStub implements AutoCloseable {
  static final String ACCOUNT_SID = "ACbench0000000000000000000000000";
  static final String AUTH_TOKEN = "bench-auth-token";

  private final HttpServer server;
  private final AtomicLong created = new AtomicLong();

  private TwilioStub(HttpServer server) {
    this.server = server;
  }

  static TwilioStub start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    TwilioStub stub = new TwilioStub(server);
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          boolean create = "POST".equals(exchange.getRequestMethod());
          String body = create ? stub.message() : "{\"messages\": [], \"next_page_uri\": null}";
          if (create) {
            stub.created.incrementAndGet();
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(create ? 201 : 200, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    return stub;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  long messagesCreated() {
    return created.get();
  }

  private String message() {
    String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
    return """
        {"sid": "%s", "account_sid": "%s", "status": "queued", "body": "",
         "to": "+14155550100", "from": "+15005550006", "direction": "outbound-api",
         "num_segments": "1", "api_version": "2010-04-01", "date_created": null,
         "date_updated": null, "date_sent": null, "error_code": null, "error_message": null,
         "price": null, "uri": "/2010-04-01/Accounts/%s/Messages/%s.json"}
        """
        .formatted(sid, ACCOUNT_SID, ACCOUNT_SID, sid);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
