package io.milepost.notifier.sms;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How to reach Twilio. The defaults talk to nothing real: a local sandbox that speaks Twilio's API
 * accepts them. For real Twilio set the SID, {@code MILEPOST_TWILIO_AUTH_TOKEN} and a sender.
 *
 * @param authToken signs our requests and checks Twilio's callbacks; the placeholder is refused
 *     against Twilio itself, since anyone who read this code could sign callbacks with it
 * @param messagingServiceSid preferred sender; when blank, {@code fromNumber} is used
 * @param senders {@code tenantId:sender} for tenants with a sender of their own (a Messaging
 *     Service SID or an E.164 number); the others share the one above ({@link Senders})
 * @param apiBaseUrl Twilio's REST API, or a stand-in such as the local sandbox
 * @param connectTimeout how long to wait for a connection to Twilio
 * @param readTimeout how long to wait for Twilio's answer; a send without an answer is reconciled
 */
@ConfigurationProperties("milepost.twilio")
public record TwilioProperties(
    @DefaultValue("AC00000000000000000000000000000000") String accountSid,
    @DefaultValue(PLACEHOLDER_AUTH_TOKEN) String authToken,
    String messagingServiceSid,
    @DefaultValue("+15005550006") String fromNumber,
    List<String> senders,
    @DefaultValue("https://api.twilio.com") URI apiBaseUrl,
    @DefaultValue("PT5S") Duration connectTimeout,
    @DefaultValue("PT15S") Duration readTimeout) {

  /** The local sandbox's token, public in this repository. */
  static final String PLACEHOLDER_AUTH_TOKEN = "local-sandbox-token";

  public TwilioProperties {
    if (isTwilio(apiBaseUrl)
        && (authToken == null || authToken.isBlank() || PLACEHOLDER_AUTH_TOKEN.equals(authToken))) {
      throw new IllegalStateException(
          "milepost.twilio.auth-token is the public placeholder (or empty) while"
              + " milepost.twilio.api-base-url is Twilio itself ("
              + apiBaseUrl
              + "): anyone could sign status callbacks. Set MILEPOST_TWILIO_AUTH_TOKEN to the"
              + " account's auth token, or point MILEPOST_TWILIO_API_BASE_URL at a local sandbox.");
    }
  }

  public boolean usesMessagingService() {
    return messagingServiceSid != null && !messagingServiceSid.isBlank();
  }

  private static boolean isTwilio(URI url) {
    String host =
        url == null || url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
    return host.equals("twilio.com") || host.endsWith(".twilio.com");
  }
}
