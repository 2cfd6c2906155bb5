package io.milepost.notifier.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.exception.ApiException;
import io.milepost.notifier.sms.TwilioErrors.Verdict;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TwilioErrorsTests {

  @ParameterizedTest
  @CsvSource({
    "400, 21211, RECIPIENT_UNREACHABLE",
    "400, 21610, RECIPIENT_UNREACHABLE",
    "400, 21614, RECIPIENT_UNREACHABLE",
    "400, 30006, RECIPIENT_UNREACHABLE",
    "400, 21612, RECIPIENT_UNREACHABLE",
    "400, 21635, RECIPIENT_UNREACHABLE",
    "400, 30005, RECIPIENT_UNREACHABLE",
    "429, 20429, TRANSIENT",
    // Twilio's edge may fail after the message was created: look before sending again.
    "500, 20500, AMBIGUOUS",
    "503, 20503, AMBIGUOUS",
    "502, 20502, AMBIGUOUS",
    "401, 20003, REJECTED",
    "400, 21602, REJECTED"
  })
  void answersAreJudgedByCodeFirstThenHttpStatus(int status, int code, Verdict verdict) {
    ApiException error = new ApiException("x", code, null, status, null, null, null, null);

    assertThat(TwilioErrors.judge(error)).isEqualTo(verdict);
  }

  @ParameterizedTest
  @CsvSource({
    "21610, OPTED_OUT",
    "21211, INVALID_NUMBER",
    "30005, INVALID_NUMBER",
    "21614, LANDLINE",
    "21635, LANDLINE",
    "30006, LANDLINE",
    "21612, UNREACHABLE"
  })
  void aPermanentErrorSaysWhyThePhoneCannotGetSms(int code, TwilioErrors.Unreachable why) {
    assertThat(TwilioErrors.unreachable(code)).isEqualTo(why);
  }

  @Test
  void anErrorBodyWithoutStatusIsJudgedByTheHttpStatus() {
    ApiException error = new ApiException("x", 20429, null, null, 429, null, null, null);

    assertThat(TwilioErrors.judge(error)).isEqualTo(Verdict.TRANSIENT);
  }

  @Test
  void noAnswerAtAllIsAmbiguous() {
    ApiException error = new ApiException("connection reset", new IOException("reset"));

    assertThat(TwilioErrors.judge(error)).isEqualTo(Verdict.AMBIGUOUS);
  }
}
