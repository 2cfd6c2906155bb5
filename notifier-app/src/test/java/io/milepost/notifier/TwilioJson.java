package io.milepost.notifier;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Response bodies shaped like Twilio's REST API (2010-04-01 Messages). */
final class TwilioJson {
  /** RFC 2822 as Twilio writes it: "Tue, 24 Nov 2026 04:00:00 +0000". */
  private static final DateTimeFormatter TWILIO_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US);

  private TwilioJson() {}

  /**
   * A message created just now, as a reconciliation would find it; queued ones have no send date.
   */
  static String message(String sid, String status, String body) {
    return message(sid, status, body, "+14155550100", Instant.now());
  }

  /** A message to {@code to}, created at {@code created}. */
  static String message(String sid, String status, String body, String to, Instant created) {
    String now = TWILIO_DATE.format(created.atZone(ZoneOffset.UTC));
    String sent = "queued".equals(status) || "accepted".equals(status) ? "null" : '"' + now + '"';
    return """
        {"sid": "%s", "account_sid": "%s", "status": "%s", "body": %s,
         "to": "%s", "from": "+15005550006", "direction": "outbound-api",
         "num_segments": "1", "api_version": "2010-04-01",
         "date_created": "%s", "date_updated": "%s", "date_sent": %s,
         "error_code": null, "error_message": null, "price": null,
         "uri": "/2010-04-01/Accounts/%s/Messages/%s.json"}
        """
        .formatted(
            sid,
            TestInfrastructure.ACCOUNT_SID,
            status,
            body == null ? "\"\"" : quote(body),
            to,
            now,
            now,
            sent,
            TestInfrastructure.ACCOUNT_SID,
            sid);
  }

  static String messageList(String... messages) {
    return """
        {"messages": [%s], "uri": "%s?PageSize=50&Page=0",
         "first_page_uri": "%s?PageSize=50&Page=0", "next_page_uri": null,
         "previous_page_uri": null, "page": 0, "page_size": 50, "start": 0, "end": %d}
        """
        .formatted(
            String.join(",", messages),
            TestInfrastructure.MESSAGES_PATH,
            TestInfrastructure.MESSAGES_PATH,
            Math.max(0, messages.length - 1));
  }

  static String error(int status, int code, String message) {
    return """
        {"code": %d, "message": %s, "more_info": "https://www.twilio.com/docs/errors/%d",
         "status": %d}
        """
        .formatted(code, quote(message), code, status);
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
