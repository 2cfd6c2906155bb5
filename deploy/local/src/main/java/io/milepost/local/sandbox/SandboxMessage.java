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
        now,
        "sent".equals(newStatus) ? now : dateSent,
        errorCode,
        statusCallback,
        callbacks);
  }

  SandboxMessage withFailure(String newStatus, int code, Instant now) {
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
        now,
        dateSent,
        code,
        statusCallback,
        callbacks);
  }

  SandboxMessage withCallback(String outcome) {
    List<String> more = new java.util.ArrayList<>(callbacks);
    more.add(outcome);
    return new SandboxMessage(
        sid,
        accountSid,
        to,
        from,
        messagingServiceSid,
        body,
        segments,
        status,
        dateCreated,
        dateUpdated,
        dateSent,
        errorCode,
        statusCallback,
        List.copyOf(more));
  }

  /** The moment Twilio's {@code DateSent} filters compare against. */
  Instant sentOrCreated() {
    return dateSent != null ? dateSent : dateCreated;
  }
}
