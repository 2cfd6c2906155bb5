package io.milepost.notifier.sms;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Who each tenant's texts come from, and so which tenants a customer's answer to a number reaches:
 * a tenant's own sender ({@code milepost.twilio.senders}: {@code tenantId:sender}, a Messaging
 * Service SID or an E.164 number), else the shared default ({@code messaging-service-sid}, else
 * {@code from-number}). The only place that decides either.
 */
@Component
public class Senders {
  private static final Pattern SERVICE_SID = Pattern.compile("MG[0-9a-fA-F]{32}");
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

  /** One sender: a Messaging Service (Twilio picks the number) or a number. */
  public record Sender(String messagingServiceSid, String fromNumber) {
    public boolean usesMessagingService() {
      return messagingServiceSid != null;
    }

    /** What names this sender: its Messaging Service SID, else its number. */
    public String id() {
      return usesMessagingService() ? messagingServiceSid : fromNumber;
    }

    /** Whether an inbound message to {@code to} through {@code service} came to this sender. */
    boolean received(String to, String service) {
      return usesMessagingService() ? messagingServiceSid.equals(service) : fromNumber.equals(to);
    }
  }

  /**
   * The tenants an inbound message reaches: those named, and, when it came to the shared default,
   * every tenant without a sender of its own as well (which tenants those are only the data knows).
   */
  public record Audience(Set<String> tenants, boolean tenantsOnTheDefault) {
    public boolean includes(String tenantId, Senders senders) {
      return tenants.contains(tenantId) || (tenantsOnTheDefault && !senders.hasOwn(tenantId));
    }
  }

  private final Sender shared;
  private final Map<String, Sender> own;

  public Senders(TwilioProperties twilio) {
    this.shared =
        twilio.usesMessagingService()
            ? new Sender(twilio.messagingServiceSid().trim(), null)
            : new Sender(
                null, parse("milepost.twilio.from-number", twilio.fromNumber()).fromNumber());
    this.own = parseAll(twilio.senders());
  }

  /** The sender of {@code tenantId}'s texts. */
  public Sender of(String tenantId) {
    return own.getOrDefault(tenantId, shared);
  }

  public boolean hasOwn(String tenantId) {
    return own.containsKey(tenantId);
  }

  /**
   * Which tenants an inbound message to {@code to} ({@code messagingServiceSid} when it came
   * through a service) is for.
   */
  public Audience reachedBy(String to, String messagingServiceSid) {
    Set<String> tenants =
        own.entrySet().stream()
            .filter(entry -> entry.getValue().received(to, messagingServiceSid))
            .map(Map.Entry::getKey)
            .collect(Collectors.toUnmodifiableSet());
    return new Audience(tenants, shared.received(to, messagingServiceSid));
  }

  private static Map<String, Sender> parseAll(List<String> entries) {
    Map<String, Sender> parsed = new HashMap<>();
    for (String entry : entries == null ? List.<String>of() : entries) {
      int colon = entry.indexOf(':');
      String tenant = colon > 0 ? entry.substring(0, colon).trim() : "";
      if (tenant.isEmpty()) {
        throw new IllegalStateException(
            "milepost.twilio.senders: '" + entry + "' is not tenantId:sender");
      }
      Sender sender = parse("milepost.twilio.senders of " + tenant, entry.substring(colon + 1));
      if (parsed.put(tenant, sender) != null) {
        throw new IllegalStateException(
            "milepost.twilio.senders: tenant '" + tenant + "' is listed twice");
      }
    }
    return Map.copyOf(parsed);
  }

  private static Sender parse(String setting, String value) {
    String sender = value == null ? "" : value.trim();
    if (SERVICE_SID.matcher(sender).matches()) {
      return new Sender(sender, null);
    }
    if (E164.matcher(sender).matches()) {
      return new Sender(null, sender);
    }
    throw new IllegalStateException(
        setting
            + ": '"
            + sender
            + "' is neither a Messaging Service SID (MG and 32 hex digits) nor an E.164 number"
            + " (+ and up to 15 digits)");
  }
}
