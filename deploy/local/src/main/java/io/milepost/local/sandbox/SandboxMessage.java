package io.milepost.local.sandbox;

import java.time.Instant;
import java.util.List;

/**
 * One message as the sandbox's "Twilio" holds it. Immutable: a status change makes a new copy.
 *
 * @param from null when the message was sent through a Messaging Service
 * @param dateSent null until the message left the (simulated) carrier
 * @param errorCode Twilio's error code when undelivered or failed, else null
 * @param callbacks what each status callback got back, for the human page
 */
record SandboxMessage(
    String sid,
    String accountSid,
    String to,
    String from,
    String messagingServiceSid,
    String body,
    int segments,
    String status,
    Instant dateCreated,
    Instant dateUpdated,
    Instant dateSent,
    Integer errorCode,
    String statusCallback,
    List<String> callbacks) {

  SandboxMessage withStatus(String newStatus, Instant now) {
    return changed(newStatus, now, "sent".equals(newStatus) ? now : dateSent, errorCode, callbacks);
  }

  SandboxMessage withFailure(String newStatus, int code, Instant now) {
    return changed(newStatus, now, dateSent, code, callbacks);
  }

  SandboxMessage withCallback(String outcome) {
    List<String> more = new java.util.ArrayList<>(callbacks);
    more.add(outcome);
    return changed(status, dateUpdated, dateSent, errorCode, List.copyOf(more));
  }

  /** The same message with what a status change or a callback can alter replaced. */
  private SandboxMessage changed(
      String newStatus, Instant updated, Instant sent, Integer code, List<String> outcomes) {
    return new SandboxMessage(
        sid,
        accountSid,
        to,
        from,
        messagingServiceSid,
        body,
        segments,
        newStatus,
        dateCreated,
        updated,
        sent,
        code,
        statusCallback,
        outcomes);
  }

  /** The moment Twilio's {@code DateSent} filters compare against. */
  Instant sentOrCreated() {
    return dateSent != null ? dateSent : dateCreated;
  }
}
