package io.milepost.notifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/** How the WireMock Twilio answers one recipient's messages, for the test that stubs it. */
final class TwilioStubs {
  private TwilioStubs() {}

  /** Twilio answers with {@code status} and a JSON body. */
  static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  /** Twilio refuses with one of its error codes. */
  static ResponseDefinitionBuilder twilioError(int status, int code, String message) {
    return json(status, TwilioJson.error(status, code, message));
  }

  /** Creating a message to {@code phone} gets {@code answer}. */
  static void createsTo(String phone, ResponseDefinitionBuilder answer) {
    TestInfrastructure.TWILIO.stubFor(
        post(urlPathEqualTo(TestInfrastructure.MESSAGES_PATH))
            .withFormParam("To", equalTo(phone))
            .willReturn(answer));
  }

  /**
   * In {@code state} of {@code scenario}, creating a message gets {@code answer}; then {@code
   * next}.
   */
  static void createsTo(
      String phone, String scenario, String state, String next, ResponseDefinitionBuilder answer) {
    TestInfrastructure.TWILIO.stubFor(
        post(urlPathEqualTo(TestInfrastructure.MESSAGES_PATH))
            .withFormParam("To", equalTo(phone))
            .inScenario(scenario)
            .whenScenarioStateIs(state)
            .willSetStateTo(next)
            .willReturn(answer));
  }

  /** Twilio's Messages list, filtered to one recipient, answers with these messages. */
  static void listsMessagesTo(String phone, String... messages) {
    TestInfrastructure.TWILIO.stubFor(
        get(urlPathEqualTo(TestInfrastructure.MESSAGES_PATH))
            .withQueryParam("To", equalTo(phone))
            .willReturn(json(200, TwilioJson.messageList(messages))));
  }
}
