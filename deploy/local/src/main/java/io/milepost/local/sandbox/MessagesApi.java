package io.milepost.local.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.milepost.schemas.SmsSegments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Twilio's Messages API that the notifier uses: create, list (filtered by To, From and
 * DateSent, paged) and fetch, behind HTTP Basic auth with the account SID and auth token.
 */
final class MessagesApi implements HttpHandler {
  private static final Pattern LIST =
      Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages\\.json");
  private static final Pattern ONE =
      Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages/([^/]+)\\.json");
  private static final int MAX_BODY_CHARACTERS = 1600;

  private final MessageStore store;
  private final StatusCallbacks carrier;
  private final SandboxSettings settings;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  MessagesApi(MessageStore store, StatusCallbacks carrier, SandboxSettings settings, Clock clock) {
    this.store = store;
    this.carrier = carrier;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (!authenticated(exchange)) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Twilio API\"");
        respond(exchange, TwilioError.unauthorized());
        return;
      }
      Matcher list = LIST.matcher(path);
      Matcher one = ONE.matcher(path);
      if (list.matches() && settings.accountSid().equals(list.group(1))) {
        switch (exchange.getRequestMethod()) {
          case "POST" -> create(exchange);
          case "GET" -> list(exchange);
          default -> respond(exchange, TwilioError.methodNotAllowed(exchange.getRequestMethod()));
        }
      } else if (one.matches()
          && settings.accountSid().equals(one.group(1))
          && exchange.getRequestMethod().equals("GET")) {
        Optional<SandboxMessage> message = store.find(one.group(2));
        if (message.isPresent()) {
          respond(exchange, 200, TwilioJson.message(message.get()));
        } else {
          respond(exchange, TwilioError.notFound(path));
        }
      } else {
        respond(exchange, TwilioError.notFound(path));
      }
    }
  }

  private void create(HttpExchange exchange) throws IOException {
    Map<String, String> form =
        FormData.parse(
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    String to = form.get("To");
    String from = blankToNull(form.get("From"));
    String service = blankToNull(form.get("MessagingServiceSid"));
    String body = form.getOrDefault("Body", "");
    Optional<TwilioError> refusal = TwilioError.refusalFor(to);
    if (refusal.isEmpty() && from == null && service == null) {
      refusal = Optional.of(new TwilioError(400, 21603, "A 'From' phone number is required."));
    } else if (refusal.isEmpty() && body.isEmpty()) {
      refusal = Optional.of(new TwilioError(400, 21602, "Message body is required."));
    } else if (refusal.isEmpty() && body.length() > MAX_BODY_CHARACTERS) {
      refusal =
          Optional.of(
              new TwilioError(
                  400, 21617, "The concatenated message body exceeds the 1600 character limit."));
    }
    if (refusal.isPresent()) {
      respond(exchange, refusal.get());
      return;
    }
    Instant now = clock.instant();
    SandboxMessage message =
        new SandboxMessage(
            newSid(),
            settings.accountSid(),
            to,
            from,
            service,
            body,
            SmsSegments.count(body),
            // Twilio answers "accepted" when a Messaging Service still has to pick the sender.
            from == null ? "accepted" : "queued",
            now,
            now,
            null,
            null,
            blankToNull(form.get("StatusCallback")),
            List.of());
    store.add(message);
    carrier.accepted(message);
    respond(exchange, 201, TwilioJson.message(message));
  }

  private void list(HttpExchange exchange) throws IOException {
    Map<String, String> query = FormData.parse(exchange.getRequestURI().getRawQuery());
    Predicate<SandboxMessage> filter;
    try {
      filter = filter(query);
    } catch (DateTimeParseException e) {
      respond(exchange, new TwilioError(400, 20001, "Invalid DateSent: " + e.getParsedString()));
      return;
    }
    int pageSize = Math.min(Integer.parseInt(query.getOrDefault("PageSize", "50")), 1000);
    int page = Integer.parseInt(query.getOrDefault("Page", "0"));
    List<SandboxMessage> matching = store.newestFirst().stream().filter(filter).toList();
    int from = Math.min(page * pageSize, matching.size());
    int to = Math.min(from + pageSize, matching.size());
    Map<String, String> filters = new LinkedHashMap<>(query);
    filters.keySet().removeAll(List.of("Page", "PageSize", "PageToken"));
    respond(
        exchange,
        200,
        TwilioJson.page(
            settings.accountSid(),
            matching.subList(from, to),
            page,
            pageSize,
            to < matching.size(),
            FormData.encode(filters)));
  }

  /** Twilio's list filters; DateSent compares with the send time (creation time until sent). */
  private static Predicate<SandboxMessage> filter(Map<String, String> query) {
    List<Predicate<SandboxMessage>> filters = new ArrayList<>();
    String to = query.get("To");
    if (to != null) {
      filters.add(message -> to.equals(message.to()));
    }
    String from = query.get("From");
    if (from != null) {
      filters.add(message -> from.equals(message.from()));
    }
    String after = query.get("DateSent>");
    if (after != null) {
      Instant bound = instant(after, false);
      filters.add(message -> !message.sentOrCreated().isBefore(bound));
    }
    String before = query.get("DateSent<");
    if (before != null) {
      Instant bound = instant(before, true);
      filters.add(message -> message.sentOrCreated().isBefore(bound));
    }
    String on = query.get("DateSent");
    if (on != null) {
      Instant start = instant(on, false);
      Instant end = on.length() == 10 ? start.plusSeconds(86_400) : start.plusSeconds(1);
      filters.add(
          message ->
              !message.sentOrCreated().isBefore(start) && message.sentOrCreated().isBefore(end));
    }
    return filters.stream().reduce(message -> true, Predicate::and);
  }

  /**
   * Twilio takes {@code 2026-11-24}, {@code 2026-11-24T08:00:00} (UTC, as twilio-java sends it) or
   * with a trailing Z. A date-only upper bound means the end of that day.
   */
  private static Instant instant(String text, boolean endOfDay) {
    if (text.length() == 10) {
      LocalDate date = LocalDate.parse(text);
      return (endOfDay ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    if (text.endsWith("Z")) {
      return Instant.parse(text);
    }
    return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
  }

  private boolean authenticated(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.startsWith("Basic ")) {
      return false;
    }
    String expected = settings.accountSid() + ":" + settings.authToken();
    try {
      String given =
          new String(
              Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
      return java.security.MessageDigest.isEqual(
          given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private String newSid() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return "SM" + HexFormat.of().formatHex(bytes);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  private static void respond(HttpExchange exchange, TwilioError error) throws IOException {
    respond(exchange, error.status(), TwilioJson.error(error));
  }

  static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
