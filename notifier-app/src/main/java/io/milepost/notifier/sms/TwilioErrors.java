package io.milepost.notifier.sms;

import com.twilio.exception.ApiException;
import java.util.Map;

/** What a Twilio error means for the message and for the person: the one retry policy. */
final class TwilioErrors {
  /** Errors that say this phone cannot get SMS from us; retrying is pointless and rude. */
  private static final Map<Integer, String> RECIPIENT_UNREACHABLE =
      Map.of(
          21610, "the recipient unsubscribed (replied STOP)",
          21211, "the phone number is not valid",
          21614, "the phone number cannot receive SMS",
          30006, "the phone number is a landline or unreachable carrier");

  enum Verdict {
    /** The phone can never get SMS: fail and block the contact. */
    RECIPIENT_UNREACHABLE,
    /** Twilio refused this request for good (bad parameters, account problems): fail. */
    REJECTED,
    /** Rate limited (429): Twilio refused this request before creating anything; try later. */
    TRANSIENT,
    /**
     * No answer, or a 5xx: Twilio may or may not have created the message (its edge can fail after
     * the message was accepted), so look before sending again.
     */
    AMBIGUOUS
  }

  private TwilioErrors() {}

  static Verdict judge(ApiException error) {
    if (isRecipientUnreachable(error.getCode())) {
      return Verdict.RECIPIENT_UNREACHABLE;
    }
    // The status Twilio wrote in its error body, else the HTTP status it answered with.
    Integer status =
        error.getStatusCode() != null ? error.getStatusCode() : error.getHttpStatusCode();
    if (status == null) {
      return Verdict.AMBIGUOUS;
    }
    if (status == 429) {
      return Verdict.TRANSIENT;
    }
    return status >= 500 ? Verdict.AMBIGUOUS : Verdict.REJECTED;
  }

  static boolean isRecipientUnreachable(Integer code) {
    return code != null && RECIPIENT_UNREACHABLE.containsKey(code);
  }

  static String describe(Integer code) {
    return RECIPIENT_UNREACHABLE.getOrDefault(code, "Twilio error " + code);
  }
}
