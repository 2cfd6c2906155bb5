package io.milepost.local.sandbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Renders the sandbox's state in the exact JSON shapes of Twilio's 2010-04-01 API. */
final class TwilioJson {
  static final String API_VERSION = "2010-04-01";

  /** Twilio's dates are RFC 2822 in UTC, e.g. {@code Tue, 24 Nov 2026 08:02:11 +0000}. */
  private static final DateTimeFormatter RFC_2822 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", java.util.Locale.US)
          .withZone(ZoneOffset.UTC);

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private TwilioJson() {}

  static String messagesPath(String accountSid) {
    return "/" + API_VERSION + "/Accounts/" + accountSid + "/Messages";
  }

  static String message(SandboxMessage message) {
    return MAPPER.writeValueAsString(messageNode(message));
  }

  static String error(TwilioError error) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("code", error.code());
    node.put("message", error.message());
    node.put("more_info", error.moreInfo());
    node.put("status", error.status());
    return MAPPER.writeValueAsString(node);
  }

  /**
   * One page of a message list, with Twilio's paging fields.
   *
   * @param query the filter part of the query string (without Page and PageSize), may be empty
   */
  static String page(
      String accountSid,
      List<SandboxMessage> pageItems,
      int page,
      int pageSize,
      boolean hasNext,
      String query) {
    String base = messagesPath(accountSid) + ".json?" + (query.isEmpty() ? "" : query + "&");
    ObjectNode node = MAPPER.createObjectNode();
    node.put("first_page_uri", base + "PageSize=" + pageSize + "&Page=0");
    node.put("end", page * pageSize + Math.max(pageItems.size() - 1, 0));
    node.putNull("previous_page_uri");
    if (page > 0) {
      node.put("previous_page_uri", base + "PageSize=" + pageSize + "&Page=" + (page - 1));
    }
    ArrayNode messages = node.putArray("messages");
    pageItems.forEach(message -> messages.add(messageNode(message)));
    node.put("uri", base + "PageSize=" + pageSize + "&Page=" + page);
    node.put("page_size", pageSize);
    node.put("start", page * pageSize);
    if (hasNext) {
      node.put("next_page_uri", base + "PageSize=" + pageSize + "&Page=" + (page + 1));
    } else {
      node.putNull("next_page_uri");
    }
    node.put("page", page);
    return MAPPER.writeValueAsString(node);
  }

  private static ObjectNode messageNode(SandboxMessage message) {
    String uri = messagesPath(message.accountSid()) + "/" + message.sid();
    ObjectNode node = MAPPER.createObjectNode();
    node.put("account_sid", message.accountSid());
    node.put("api_version", API_VERSION);
    node.put("body", message.body());
    node.put("date_created", date(message.dateCreated()));
    node.put("date_sent", date(message.dateSent()));
    node.put("date_updated", date(message.dateUpdated()));
    node.put("direction", "outbound-api");
    if (message.errorCode() == null) {
      node.putNull("error_code");
      node.putNull("error_message");
    } else {
      node.put("error_code", message.errorCode());
      node.put("error_message", "Simulated by the local sandbox");
    }
    node.put("from", message.from());
    node.put("messaging_service_sid", message.messagingServiceSid());
    node.put("num_media", "0");
    node.put("num_segments", Integer.toString(message.segments()));
    node.putNull("price");
    node.put("price_unit", "USD");
    node.put("sid", message.sid());
    node.put("status", message.status());
    node.putObject("subresource_uris").put("media", uri + "/Media.json");
    node.put("to", message.to());
    node.put("uri", uri + ".json");
    return node;
  }

  private static String date(Instant instant) {
    return instant == null ? null : RFC_2822.format(instant);
  }
}
