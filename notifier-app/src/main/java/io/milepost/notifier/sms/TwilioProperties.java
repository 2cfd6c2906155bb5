package io.milepost.notifier.sms;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How to reach Twilio. The defaults talk to nothing real: a local sandbox that speaks Twilio's API
 * accepts them. For real Twilio set the SID, {@code MILEPOST_TWILIO_AUTH_TOKEN} and a sender.
 *
 * @param messagingServiceSid preferred sender; when blank, {@code fromNumber} is used
 * @param apiBaseUrl Twilio's REST API, or a stand-in such as the local sandbox
 */
@ConfigurationProperties("milepost.twilio")
public record TwilioProperties(
    @DefaultValue("AC00000000000000000000000000000000") String accountSid,
    @DefaultValue("local-sandbox-token") String authToken,
    String messagingServiceSid,
    @DefaultValue("+15005550006") String fromNumber,
    @DefaultValue("https://api.twilio.com") URI apiBaseUrl) {

  public boolean usesMessagingService() {
    return messagingServiceSid != null && !messagingServiceSid.isBlank();
  }
}
