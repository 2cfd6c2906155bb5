package io.milepost.notifier.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Any common way of writing a number becomes its E.164 form; what is no number is refused. */
class PhoneNumbersTests {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "(415) 555-0123   | US | +14155550123",
        "415.555.0123     | US | +14155550123",
        "1 415 555 0123   | US | +14155550123",
        "+1 415-555-0123  | GB | +14155550123",
        "+14155550123     | US | +14155550123",
        "020 7946 0958    | GB | +442079460958",
        "07911 123456     | GB | +447911123456",
        "0044 20 7946 0958| GB | +442079460958",
        "00 1 415 555 0123| DE | +14155550123",
        "030 123456       | DE | +4930123456",
        "55 1234 5678     | MX | +525512345678",
        "612 34 56 78     | ES | +34612345678",
      })
  void nationalAndInternationalFormatsBecomeE164(String typed, String region, String e164) {
    assertThat(PhoneNumbers.toE164(typed, region)).isEqualTo(e164);
  }

  @Test
  void theRegionDecidesWhatANationalNumberMeans() {
    assertThat(PhoneNumbers.toE164("0612345678", "NL")).isEqualTo("+31612345678");
    assertThatThrownBy(() -> PhoneNumbers.toE164("0612345678", "US"))
        .isInstanceOf(PhoneNumbers.InvalidPhoneNumberException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "not a number",
        "555-0123",
        "+1 415 555 01234567",
        "+999 1234 5678",
        "+1 000 555 0123",
        "12",
      })
  void whatIsNoValidNumberIsRefused(String typed) {
    assertThatThrownBy(() -> PhoneNumbers.toE164(typed, "US"))
        .isInstanceOf(PhoneNumbers.InvalidPhoneNumberException.class);
  }

  @Test
  void refusalsQuoteWhatWasGiven() {
    assertThatThrownBy(() -> PhoneNumbers.toE164("call me maybe", "US"))
        .hasMessageContaining("'call me maybe'");
  }

  @Test
  void e164FormIsRecognisedAsIs() {
    assertThat(PhoneNumbers.isE164("+14155550123")).isTrue();
    assertThat(PhoneNumbers.isE164("14155550123")).isFalse();
    assertThat(PhoneNumbers.isE164("+1 415 555 0123")).isFalse();
    assertThat(PhoneNumbers.isE164(null)).isFalse();
  }
}
