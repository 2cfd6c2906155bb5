package io.milepost.notifier.sms;

import com.twilio.http.TwilioRestClient;
import com.twilio.security.RequestValidator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One injected Twilio client instead of the SDK's static {@code Twilio.init}. */
@Configuration(proxyBeanMethods = false)
class TwilioConfiguration {

  @Bean
  TwilioRestClient twilioRestClient(TwilioProperties twilio) {
    return new TwilioRestClient.Builder(twilio.accountSid(), twilio.authToken())
        .httpClient(
            new RebasingHttpClient(
                twilio.apiBaseUrl(), twilio.connectTimeout(), twilio.readTimeout()))
        .build();
  }

  @Bean
  RequestValidator twilioRequestValidator(TwilioProperties twilio) {
    return new RequestValidator(twilio.authToken());
  }
}
