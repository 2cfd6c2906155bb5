package io.milepost.notifier.sms;

import com.twilio.security.RequestValidator;
import io.milepost.notifier.Problems;
import io.milepost.notifier.PublicUrls;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Whether a webhook request is Twilio's: signed ({@code X-Twilio-Signature}) with our auth token
 * for our public URL. Every Twilio webhook (status callbacks, inbound messages) asks here, and
 * believes nothing of a request that fails.
 */
@Component
public class TwilioWebhooks {
  public static final String SIGNATURE_HEADER = "X-Twilio-Signature";

  private final RequestValidator validator;
  private final PublicUrls urls;

  TwilioWebhooks(RequestValidator validator, PublicUrls urls) {
    this.validator = validator;
    this.urls = urls;
  }

  /** The request's form parameters when Twilio signed it; empty when it did not. */
  public Optional<Map<String, String>> verified(HttpServletRequest request, String signature) {
    Map<String, String> params = formParameters(request);
    return signature != null && validator.validate(signedUrl(request), params, signature)
        ? Optional.of(params)
        : Optional.empty();
  }

  /** The answer to a request that is not Twilio's: 403, saying which URL a signature must sign. */
  public ResponseEntity<ProblemDetail> refused(HttpServletRequest request) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.FORBIDDEN,
            SIGNATURE_HEADER
                + " is missing or does not match this request for "
                + signedUrl(request));
    problem.setTitle("Invalid Twilio signature");
    problem.setType(Problems.type("invalid-twilio-signature"));
    return ResponseEntity.status(HttpStatus.FORBIDDEN)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  /** Twilio signs the URL it called: ours as the public sees it, with the query string. */
  private String signedUrl(HttpServletRequest request) {
    return urls.of(request.getRequestURI())
        + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
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
}
