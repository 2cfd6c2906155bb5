package io.milepost.local.sandbox;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An error as Twilio's REST API reports it: {@code {code, message, more_info, status}}. Also the
 * rules for which recipients Twilio refuses, including its documented magic test numbers.
 */
record TwilioError(int status, int code, String message) {
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

  String moreInfo() {
    return "https://www.twilio.com/docs/errors/" + code;
  }

  static TwilioError unauthorized() {
    return new TwilioError(401, 20003, "Authenticate");
  }

  static TwilioError notFound(String path) {
    return new TwilioError(404, 20404, "The requested resource " + path + " was not found");
  }

  static TwilioError methodNotAllowed(String method) {
    return new TwilioError(405, 20004, "Method not allowed: " + method);
  }

  /** Why Twilio would refuse to send to {@code to}, if it would. */
  static Optional<TwilioError> refusalFor(String to) {
    if (to == null || to.isBlank()) {
      return Optional.of(new TwilioError(400, 21604, "A 'To' phone number is required."));
    }
    return switch (to) {
      case "+15005550001" -> Optional.of(invalidTo(to));
      case "+15005550002" ->
          Optional.of(
              new TwilioError(
                  400,
                  21612,
                  "The 'To' phone number: "
                      + to
                      + ", is not currently"
                      + " reachable using the 'From' phone number via SMS."));
      case "+15005550004" ->
          Optional.of(new TwilioError(400, 21610, "Attempt to send to unsubscribed recipient"));
      case "+15005550009" ->
          Optional.of(
              new TwilioError(400, 21614, "'To' number " + to + " is not a valid mobile number"));
      default -> E164.matcher(to).matches() ? Optional.empty() : Optional.of(invalidTo(to));
    };
  }

  private static TwilioError invalidTo(String to) {
    return new TwilioError(400, 21211, "Invalid 'To' Phone Number: " + to);
  }
}
