package io.milepost.notifier.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.twilio.exception.ApiException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

  private static final String SERVICE = "MG0123456789abcdef0123456789abcdef";
  private static final String TENANT = "acme-motors";

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
        gateway(SERVICE).send(TENANT, "+14155550100", "Hello", "https://example.test/cb/1");

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
            .withFormParam("MessagingServiceSid", equalTo(SERVICE))
            .withFormParam("To", equalTo("+14155550100"))
            .withFormParam("Body", equalTo("Hello"))
            .withFormParam("StatusCallback", equalTo("https://example.test/cb/1")));
  }

  @Test
  void aTenantWithItsOwnNumberTextsFromItAndTheOthersFromTheSharedOne() {
    twilio.stubFor(
        post(urlPathEqualTo(MESSAGES))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"sid\": \"SMabc\", \"status\": \"queued\"}")));

    gateway(null).send("swift-parcels", "+14155550100", "Parcel", "https://x.test/cb/1");
    gateway(null).send(TENANT, "+14155550101", "Car", "https://x.test/cb/2");

    twilio.verify(
        postRequestedFor(urlPathEqualTo(MESSAGES))
            .withFormParam("To", equalTo("+14155550100"))
            .withFormParam("From", equalTo("+13125550100")));
    twilio.verify(
        postRequestedFor(urlPathEqualTo(MESSAGES))
            .withFormParam("To", equalTo("+14155550101"))
            .withFormParam("From", equalTo("+15005550006")));
  }

  @Test
  void aRateLimitOrOutageIsReportedAfterExactlyOneRequestAndJudged() {
    Map<Integer, TwilioErrors.Verdict> verdicts =
        Map.of(
            429, TwilioErrors.Verdict.TRANSIENT,
            500, TwilioErrors.Verdict.AMBIGUOUS,
            503, TwilioErrors.Verdict.AMBIGUOUS);
    verdicts.forEach(
        (status, verdict) -> {
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

          assertThatThrownBy(
                  () -> gateway(null).send(TENANT, "+14155550100", "Hello", "https://x.test/cb"))
              .isInstanceOfSatisfying(
                  ApiException.class, e -> assertThat(TwilioErrors.judge(e)).isEqualTo(verdict));
          // Neither twilio-java nor Apache HttpClient may retry behind the dispatcher's back.
          twilio.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)));
        });
  }

  @Test
  void aTwilioThatDoesNotAnswerWithinTheReadTimeoutIsAnAmbiguousFailure() {
    // Well inside twilio-java's own 30 s socket timeout: only our read timeout can cut it short.
    twilio.stubFor(
        post(urlPathEqualTo(MESSAGES))
            .willReturn(
                aResponse()
                    .withFixedDelay(5_000)
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"sid\": \"SMlate\", \"status\": \"queued\"}")));

    assertThatThrownBy(
            () ->
                gateway(null, Duration.ofMillis(300))
                    .send(TENANT, "+14155550100", "Hello", "https://x.test/cb"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> assertThat(TwilioErrors.judge(e)).isEqualTo(TwilioErrors.Verdict.AMBIGUOUS));
  }

  @Test
  void findCreatedListsThisBodyToThisPhoneSinceTheGivenInstantOldestFirst() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    twilio.stubFor(
        get(urlPathEqualTo(MESSAGES))
            .withQueryParam("To", equalTo("+14155550100"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        list(
                            message("SMnewest", "Hello", now),
                            message("SMother", "Something else", now.minusSeconds(10)),
                            message("SMolder", "Hello", now.minusSeconds(20)),
                            message("SMbefore", "Hello", now.minusSeconds(120))))));
    SimpleMeterRegistry meters = new SimpleMeterRegistry();

    List<TwilioGateway.Accepted> found =
        gateway(null, Duration.ofSeconds(5), meters)
            .findCreated("+14155550100", "Hello", now.minusSeconds(60));

    assertThat(found)
        .extracting(TwilioGateway.Accepted::sid)
        .containsExactly("SMolder", "SMnewest");
    assertThat(
            meters
                .get(TwilioGateway.REQUEST_TIMER)
                .tag("operation", "list")
                .tag("outcome", "success")
                .timer()
                .count())
        .isEqualTo(1);
  }

  private static String message(String sid, String body, Instant created) {
    String date =
        DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)
            .format(created.atZone(ZoneOffset.UTC));
    return """
        {"sid": "%s", "status": "delivered", "body": "%s", "to": "+14155550100",
         "date_created": "%s", "date_sent": "%s"}
        """
        .formatted(sid, body, date, date);
  }

  private static String list(String... messages) {
    return """
        {"messages": [%s], "next_page_uri": null, "page": 0, "page_size": 50}
        """
        .formatted(String.join(",", messages));
  }

  private TwilioGateway gateway(String messagingServiceSid) {
    return gateway(messagingServiceSid, Duration.ofSeconds(5));
  }

  private TwilioGateway gateway(String messagingServiceSid, Duration readTimeout) {
    return gateway(messagingServiceSid, readTimeout, new SimpleMeterRegistry());
  }

  private TwilioGateway gateway(
      String messagingServiceSid, Duration readTimeout, SimpleMeterRegistry meters) {
    TwilioProperties properties =
        new TwilioProperties(
            SID,
            "token",
            messagingServiceSid,
            "+15005550006",
            List.of("swift-parcels:+13125550100"),
            URI.create("http://localhost:" + twilio.port() + "/sandbox"),
            Duration.ofSeconds(2),
            readTimeout);
    return new TwilioGateway(
        new TwilioConfiguration().twilioRestClient(properties), new Senders(properties), meters);
  }
}
