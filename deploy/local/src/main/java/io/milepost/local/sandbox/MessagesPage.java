package io.milepost.local.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The page a developer watches during a local run: every message the sandbox received, grouped by
 * phone (the most recently texted first), newest message first, refreshing itself.
 */
final class MessagesPage implements HttpHandler {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private final MessageStore store;

  MessagesPage(MessageStore store) {
    this.store = store;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestURI().getPath().equals("/")) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      byte[] html =
          render(store.newestFirst(), store.repliesNewestFirst()).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, html.length);
      exchange.getResponseBody().write(html);
    }
  }

  static String render(List<SandboxMessage> newestFirst) {
    return render(newestFirst, List.of());
  }

  /**
   * Each phone's messages and its customer's replies, newest first, with a form to answer as the
   * customer (posted to {@link CustomerReplies}).
   */
  static String render(List<SandboxMessage> newestFirst, List<SandboxReply> replies) {
    Map<String, List<SandboxMessage>> byPhone = new LinkedHashMap<>();
    for (SandboxMessage message : newestFirst) {
      byPhone.computeIfAbsent(message.to(), to -> new java.util.ArrayList<>()).add(message);
    }
    // A customer who texted first (no message to them yet) still has a conversation.
    Map<String, String> replySender = new LinkedHashMap<>();
    for (SandboxReply reply : replies) {
      byPhone.computeIfAbsent(reply.phone(), to -> new java.util.ArrayList<>());
      replySender.putIfAbsent(reply.phone(), reply.sender());
    }
    StringBuilder html = new StringBuilder();
    html.append(
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Twilio sandbox · Milepost</title>
        <style>
          body { font-family: system-ui, sans-serif; margin: 1.5rem; background: #f6f7f9; color: #1d2330; }
          h1 { font-size: 1.3rem; } h2 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
          .msg { background: #fff; border-radius: 10px; padding: .7rem .9rem; margin: .4rem 0;
                 box-shadow: 0 1px 2px rgba(0,0,0,.08); max-width: 46rem; }
          .body { white-space: pre-wrap; font-size: 1rem; }
          .meta { color: #5b6475; font-size: .8rem; margin-top: .35rem; }
          .status { font-weight: 600; } .delivered { color: #137333; } .undelivered, .failed { color: #b3261e; }
          .empty { color: #5b6475; }
          .reply { background: #dcecff; margin-left: 3rem; }
          form.answer { margin: .4rem 0 1rem; display: flex; gap: .5rem; max-width: 46rem; }
          form.answer input[type=text] { flex: 1; padding: .45rem; font-size: 1rem; }
        </style>
        <script>
          // Refresh every 3 s, but never under someone typing a reply.
          setInterval(function () {
            var typing = Array.prototype.some.call(
                document.querySelectorAll('form.answer input[type=text]'),
                function (input) { return input.value !== '' || input === document.activeElement; });
            if (!typing) { location.reload(); }
          }, 3000);
        </script></head><body>
        <h1>Twilio sandbox: messages received</h1>
        """);
    html.append("<p class=\"meta\">")
        .append(newestFirst.size())
        .append(" message(s) to ")
        .append(byPhone.size())
        .append(
            " phone(s). Nothing here reaches a real phone. Answer as the customer below each phone (STOP,"
                + " START, HELP, YES, a score 1-5, anything): the notifier gets it as from Twilio."
                + " This page refreshes itself.</p>");
    if (byPhone.isEmpty()) {
      html.append("<p class=\"empty\">No message yet.</p>");
    }
    byPhone.forEach(
        (phone, messages) -> {
          html.append("<h2>").append(escape(phone)).append("</h2>");
          String sender =
              messages.isEmpty()
                  ? replySender.get(phone)
                  : messages.get(0).from() != null
                      ? messages.get(0).from()
                      : messages.get(0).messagingServiceSid();
          html.append("<form class=\"answer\" method=\"post\" action=\"/reply\">")
              .append("<input type=\"hidden\" name=\"phone\" value=\"")
              .append(escape(phone))
              .append("\"><input type=\"hidden\" name=\"sender\" value=\"")
              .append(escape(sender))
              .append("\"><input type=\"text\" name=\"body\" aria-label=\"Reply as ")
              .append(escape(phone))
              .append("\" placeholder=\"Reply as the customer\" required>")
              .append("<button type=\"submit\">Send</button></form>");
          for (SandboxReply reply : replies) {
            if (reply.phone().equals(phone)) {
              html.append("<div class=\"msg reply\"><div class=\"body\">")
                  .append(escape(reply.body()))
                  .append("</div><div class=\"meta\">")
                  .append(TIME.format(reply.at()))
                  .append(" · from the customer to ")
                  .append(escape(reply.sender()))
                  .append(reply.answer() == null ? "" : " · answered: " + escape(reply.answer()))
                  .append("</div></div>");
            }
          }
          for (SandboxMessage message : messages) {
            html.append("<div class=\"msg\"><div class=\"body\">")
                .append(escape(message.body()))
                .append("</div><div class=\"meta\">")
                .append(TIME.format(message.dateCreated()))
                .append(" · <span class=\"status ")
                .append(escape(message.status()))
                .append("\">")
                .append(escape(message.status()))
                .append(message.errorCode() == null ? "" : " (" + message.errorCode() + ")")
                .append("</span> · ")
                .append(message.segments())
                .append(" segment(s) · from ")
                .append(
                    escape(message.from() != null ? message.from() : message.messagingServiceSid()))
                .append(" · ")
                .append(escape(message.sid()));
            if (!message.callbacks().isEmpty()) {
              html.append(" · callbacks: ").append(escape(String.join(", ", message.callbacks())));
            }
            html.append("</div></div>");
          }
        });
    return html.append("</body></html>").toString();
  }

  private static String escape(String text) {
    if (text == null) {
      return "";
    }
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
