package io.milepost.notifier.inbound;

import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.messaging.Body;
import io.milepost.notifier.job.Tenants;
import io.milepost.notifier.sms.TwilioWebhooks;
import io.milepost.notifier.words.Words;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where customers' texts enter: Twilio's inbound-message webhook. Only a request Twilio signed is
 * believed (403 and no change otherwise). The answer is TwiML: an empty {@code <Response/>} when
 * there is nothing to say (or Twilio says it itself: STOP, START), else one message.
 */
@RestController
class InboundController {
  static final String PATH = "/webhooks/twilio/inbound";

  private final TwilioWebhooks webhooks;
  private final Inbound inbound;
  private final Words words;
  private final Tenants tenants;

  InboundController(TwilioWebhooks webhooks, Inbound inbound, Words words, Tenants tenants) {
    this.webhooks = webhooks;
    this.inbound = inbound;
    this.words = words;
    this.tenants = tenants;
  }

  @PostMapping(path = PATH)
  ResponseEntity<?> receive(
      @RequestHeader(name = TwilioWebhooks.SIGNATURE_HEADER, required = false) String signature,
      HttpServletRequest request) {
    Optional<Map<String, String>> signed = webhooks.verified(request, signature);
    if (signed.isEmpty()) {
      return webhooks.refused(request);
    }
    Map<String, String> params = signed.get();
    if (params.get("From") == null || params.get("To") == null) {
      return ResponseEntity.badRequest().build();
    }
    Inbound.Answer answer =
        inbound.receive(
            new Inbound.Message(
                params.get("MessageSid"),
                params.get("From"),
                params.get("To"),
                params.get("MessagingServiceSid"),
                params.getOrDefault("Body", "")));
    MessagingResponse.Builder twiml = new MessagingResponse.Builder();
    if (!answer.isNone()) {
      twiml.message(
          new com.twilio.twiml.messaging.Message.Builder()
              .body(new Body.Builder(text(answer)).build())
              .build());
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(twiml.build().toXml());
  }

  private String text(Inbound.Answer answer) {
    String business = answer.tenantId() == null ? "" : tenants.displayName(answer.tenantId());
    Locale locale =
        answer.locale() == null ? Locale.ENGLISH : Locale.forLanguageTag(answer.locale());
    return words.message(answer.key(), locale, Map.of("business", business));
  }
}
