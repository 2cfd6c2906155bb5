package io.milepost.notifier.customer;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.regex.Pattern;

/**
 * Phone numbers as customers are keyed by: E.164 ({@code +14155550123}). Anything a person types
 * ("(415) 555-0123", "0044 20 7946 0958", "+1 415.555.0123") is parsed with libphonenumber, in the
 * region of the tenant when it has no country code, and must be a valid number of that plan.
 */
public final class PhoneNumbers {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

  private PhoneNumbers() {}

  /**
   * @param region ISO 3166 two-letter region for numbers written without a country code, e.g. "US"
   * @return the number in E.164
   * @throws InvalidPhoneNumberException when it cannot be parsed or is no valid number
   */
  public static String toE164(String raw, String region) {
    if (raw == null || raw.isBlank()) {
      throw new InvalidPhoneNumberException("no phone number given");
    }
    if (raw.length() > 64) {
      throw new InvalidPhoneNumberException("too long to be a phone number");
    }
    PhoneNumber parsed;
    try {
      parsed = UTIL.parse(raw.strip(), region);
    } catch (NumberParseException e) {
      throw new InvalidPhoneNumberException(
          "'" + raw + "' is not a phone number (" + e.getErrorType() + ")");
    }
    if (!UTIL.isValidNumber(parsed)) {
      throw new InvalidPhoneNumberException(
          "'" + raw + "' is not a valid phone number" + (region == null ? "" : " in " + region));
    }
    return UTIL.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164);
  }

  /** Whether the text is already in E.164 form (as the wire contract and Twilio carry numbers). */
  public static boolean isE164(String phone) {
    return phone != null && E164.matcher(phone).matches();
  }

  /** A number that could not be made E.164. Its message quotes what was given, for the caller. */
  public static final class InvalidPhoneNumberException extends RuntimeException {
    InvalidPhoneNumberException(String message) {
      super(message);
    }
  }
}
