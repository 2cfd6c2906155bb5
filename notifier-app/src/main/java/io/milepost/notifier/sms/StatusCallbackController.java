package io.milepost.notifier.sms;

import com.twilio.security.RequestValidator;
import io.milepost.notifier.Problems;
import io.milepost.notifier.PublicUrls;
import io.milepost.notifier.contact.Contacts;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Twilio's message status callbacks: queued, sent, delivered, undelivered, failed. Only requests
 * signed with our auth token for our public URL are believed.
 */
@RestController
class StatusCallbackController {
  static final String PATH = "/webhooks/twilio/status";
  private static final Logger log = LoggerFactory.getLogger(StatusCallbackController.class);

  private final RequestValidator validator;
  private final PublicUrls urls;
  private final Notifications notifications;
  private final Contacts contacts;

  StatusCallbackController(
      RequestValidator validator, PublicUrls urls, Notifications notifications, Contacts contacts) {
    this.validator = validator;
    this.urls = urls;
    this.notifications = notifications;
    this.contacts = contacts;
  }

  @PostMapping(path = {PATH, PATH + "/{notificationId}"})
  ResponseEntity<?> status(
      @PathVariable(required = false) Long notificationId,
      @RequestHeader(name = "X-Twilio-Signature", required = false) String signature,
      HttpServletRequest request) {
    Map<String, String> params = formParameters(request);
    String signedUrl =
        urls.of(request.getRequestURI())
            + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    if (signature == null || !validator.validate(signedUrl, params, signature)) {
      ProblemDetail problem =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.FORBIDDEN,
              "X-Twilio-Signature is missing or does not match this request for " + signedUrl);
      problem.setTitle("Invalid Twilio signature");
      problem.setType(Problems.type("invalid-twilio-signature"));
      return ResponseEntity.status(HttpStatus.FORBIDDEN)
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(problem);
    }
    String sid = params.get("MessageSid");
    String twilioStatus = params.get("MessageStatus");
    if (twilioStatus == null || (sid == null && notificationId == null)) {
      return ResponseEntity.badRequest().build();
    }
    Integer errorCode = parseCode(params.get("ErrorCode"));
    NotificationStatus status;
    try {
      status = NotificationStatus.fromTwilio(twilioStatus);
    } catch (IllegalArgumentException e) {
      // A status Twilio added after this code was written: acknowledge, do not make Twilio retry.
      log.warn("unknown Twilio status {} for message {} ignored", twilioStatus, sid);
      return ResponseEntity.noContent().build();
    }
    notifications
        .reported(notificationId, sid, status, errorCode)
        .ifPresentOrElse(
            notification -> {
              if (TwilioErrors.isRecipientUnreachable(errorCode)) {
                contacts.blockSms(
                    notification.tenantId(), notification.to(), TwilioErrors.describe(errorCode));
              }
            },
            () -> log.warn("status {} for unknown message {} ignored", twilioStatus, sid));
    return ResponseEntity.noContent().build();
  }

  /** Only the form body is signed: query parameters are part of the signed URL instead. */
  private static Map<String, String> formParameters(HttpServletRequest request) {
    Set<String> queryNames =
        request.getQueryString() == null
            ? Set.of()
            : UriComponentsBuilder.fromUriString("?" + request.getQueryString())
                .build()
                .getQueryParams()
                .keySet();
    Map<String, String> params = new TreeMap<>();
    request
        .getParameterMap()
        .forEach(
            (name, values) -> {
              if (!queryNames.contains(name)) {
                params.put(name, values.length == 0 ? "" : values[0]);
              }
            });
    return params;
  }

  private static Integer parseCode(String code) {
    if (code == null || code.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(code.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
