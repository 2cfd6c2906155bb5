package io.milepost.notifier.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.twilio.exception.ApiException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** twilio-java through our HTTP client, against a Twilio-shaped stub under a path prefix. */
class TwilioGatewayTests {
  private static final String SID = "ACgateway000000000000000000000000";
  private static final String MESSAGES = "/sandbox/2010-04-01/Accounts/" + SID + "/Messages.json";
  private WireMockServer twilio;

  @BeforeEach
  void start() {
    twilio = new WireMockServer(options().dynamicPort());
    twilio.start();
  }

  @AfterEach
  void stop() {
    twilio.stop();
  }

  @Test
  void aMessagingServiceSendsWithBasicAuthToTheConfiguredBaseUrl() {
    twilio.stubFor(
        post(urlPathEqualTo(MESSAGES))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"sid\": \"SMabc\", \"status\": \"accepted\"}")));

    TwilioGateway.Accepted accepted =
        gateway("MGservice").send("+14155550100", "Hello", "https://example.test/cb/1");

    assertThat(accepted)
        .isEqualTo(new TwilioGateway.Accepted("SMabc", NotificationStatus.ACCEPTED));
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((SID + ":token").getBytes(StandardCharsets.US_ASCII));
    twilio.verify(
        1,
        postRequestedFor(urlPathEqualTo(MESSAGES))
            .withHeader("Authorization", equalTo(basic))
            .withFormParam("MessagingServiceSid", equalTo("MGservice"))
            .withFormParam("To", equalTo("+14155550100"))
            .withFormParam("Body", equalTo("Hello"))
            .withFormParam("StatusCallback", equalTo("https://example.test/cb/1")));
  }

  @Test
  void aRateLimitOrOutageIsReportedAfterExactlyOneRequest() {
    for (int status : new int[] {429, 503}) {
      twilio.resetAll();
      twilio.stubFor(
          post(urlPathEqualTo(MESSAGES))
              .willReturn(
                  aResponse()
                      .withStatus(status)
                      .withHeader("Content-Type", "application/json")
                      .withBody(
                          "{\"code\": 20429, \"message\": \"slow down\", \"status\": "
                              + status
                              + "}")));

      assertThatThrownBy(() -> gateway(null).send("+14155550100", "Hello", "https://x.test/cb"))
          .isInstanceOfSatisfying(
              ApiException.class,
              e -> assertThat(TwilioErrors.judge(e)).isEqualTo(TwilioErrors.Verdict.TRANSIENT));
      // Neither twilio-java nor Apache HttpClient may retry behind the dispatcher's back.
      twilio.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)));
    }
  }

  private TwilioGateway gateway(String messagingServiceSid) {
    TwilioProperties properties =
        new TwilioProperties(
            SID,
            "token",
            messagingServiceSid,
            "+15005550006",
            URI.create("http://localhost:" + twilio.port() + "/sandbox"));
    return new TwilioGateway(new TwilioConfiguration().twilioRestClient(properties), properties);
  }
}
