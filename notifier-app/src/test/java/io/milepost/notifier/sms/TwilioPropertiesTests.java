package io.milepost.notifier.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The notifier does not start against Twilio with the token everyone can read in this repo. */
class TwilioPropertiesTests {
  private final ApplicationContextRunner context =
      new ApplicationContextRunner().withUserConfiguration(TwilioSettings.class);

  @Test
  void thePlaceholderTokenAgainstTwilioItselfStopsTheStartWithAClearMessage() {
    context
        .withPropertyValues(
            "milepost.twilio.api-base-url=https://api.twilio.com",
            "milepost.twilio.auth-token=local-sandbox-token")
        .run(
            started ->
                assertThat(started)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("milepost.twilio.auth-token is the public placeholder")
                    .hasMessageContaining("MILEPOST_TWILIO_AUTH_TOKEN"));
  }

  @Test
  void theDefaultsAloneDoNotStart() {
    context.run(started -> assertThat(started).hasFailed());
  }

  @Test
  void anEmptyTokenAgainstARegionalTwilioEdgeStopsTheStart() {
    context
        .withPropertyValues(
            "milepost.twilio.api-base-url=https://api.dublin.ie1.twilio.com",
            "milepost.twilio.auth-token=")
        .run(started -> assertThat(started).hasFailed());
  }

  @Test
  void thePlaceholderTokenAgainstALocalSandboxStarts() {
    context
        .withPropertyValues(
            "milepost.twilio.api-base-url=http://localhost:8089",
            "milepost.twilio.auth-token=local-sandbox-token")
        .run(started -> assertThat(started).hasNotFailed().hasSingleBean(TwilioProperties.class));
  }

  @Test
  void aRealTokenAgainstTwilioStarts() {
    context
        .withPropertyValues(
            "milepost.twilio.api-base-url=https://api.twilio.com",
            "milepost.twilio.auth-token=0123456789abcdef0123456789abcdef")
        .run(started -> assertThat(started).hasNotFailed());
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(TwilioProperties.class)
  static class TwilioSettings {}
}
