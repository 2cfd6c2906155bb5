package io.milepost.notifier.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogSafeTests {

  @Test
  void phoneNumbersInTwilioMessagesAndUrlsAreMasked() {
    assertThat(LogSafe.text("The 'To' number +14155551234 is not a valid phone number."))
        .isEqualTo("The 'To' number ***34 is not a valid phone number.")
        .doesNotContain("4155551234");
    assertThat(LogSafe.text("GET /Messages.json?To=%2B14155551234&PageSize=50"))
        .doesNotContain("4155551234")
        .contains("To=***34&");
    assertThat(LogSafe.text("call (415) 555-1234 now")).doesNotContain("555-1234");
  }

  @Test
  void idsPortsAndStatusCodesAreKept() {
    assertThat(LogSafe.text("notification 123456 got 503 from localhost:8089"))
        .isEqualTo("notification 123456 got 503 from localhost:8089");
  }
}
