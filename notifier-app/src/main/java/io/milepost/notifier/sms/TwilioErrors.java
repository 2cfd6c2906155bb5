package io.milepost.notifier.sms;

import com.twilio.exception.ApiException;
import io.milepost.schemas.CustomerEvent;
import java.util.Map;

/** What a Twilio error means for the message and for the person: the one retry policy. */
final class TwilioErrors {
  private record Permanent(CustomerEvent.Unreachable kind, String description) {}

  /**
   * Errors that say this phone cannot get SMS from us; retrying is pointless and rude (and costs a
   * message each time). Each marks the customer.
   */
  private static final Map<Integer, Permanent> RECIPIENT_UNREACHABLE =
      Map.of(
          21610,
          new Permanent(
              CustomerEvent.Unreachable.OPTED_OUT, "the recipient unsubscribed (replied STOP)"),
          21211,
          new Permanent(CustomerEvent.Unreachable.INVALID_NUMBER, "the phone number is not valid"),
          21612,
          new Permanent(
              CustomerEvent.Unreachable.UNREACHABLE,
              "the phone number cannot be reached by SMS from our sender"),
          21614,
          new Permanent(CustomerEvent.Unreachable.LANDLINE, "the phone number cannot receive SMS"),
          21635,
          new Permanent(CustomerEvent.Unreachable.LANDLINE, "the phone number is a landline"),
          30005,
          new Permanent(
              CustomerEvent.Unreachable.INVALID_NUMBER,
              "the phone number is unknown to its carrier"),
          30006,
          new Permanent(
              CustomerEvent.Unreachable.LANDLINE,
              "the phone number is a landline or unreachable carrier"));

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

  /**
   * Undelivered for a reason that may pass (30003: the handset was unreachable, off or out of
   * coverage; 30008: the carrier gave no reason): worth sending again later, a few times.
   */
  static boolean isWorthRedelivering(Integer code) {
    return code != null && (code == 30003 || code == 30008);
  }

  static boolean isRecipientUnreachable(Integer code) {
    return code != null && RECIPIENT_UNREACHABLE.containsKey(code);
  }

  static String describe(Integer code) {
    Permanent permanent = RECIPIENT_UNREACHABLE.get(code);
    return permanent != null ? permanent.description() : "Twilio error " + code;
  }

  /** Why a phone is unreachable, for an error that says it is ({@link #isRecipientUnreachable}). */
  static CustomerEvent.Unreachable unreachable(Integer code) {
    Permanent permanent = RECIPIENT_UNREACHABLE.get(code);
    if (permanent == null) {
      throw new IllegalArgumentException("Twilio error " + code + " leaves the phone reachable");
    }
    return permanent.kind();
  }
}
