package io.milepost.notifier.words;

import io.milepost.notifier.PublicUrls;
import io.milepost.notifier.job.TrackingTokens;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The app's one {@code messageSource} (ICU) and what writes texts from it. */
@Configuration(proxyBeanMethods = false)
public class WordsConfiguration {

  /**
   * Named {@code messageSource} so Spring's context, Boot (whose own one then backs off) and the
   * pages' templates all read these bundles.
   */
  @Bean
  IcuMessageSource messageSource() {
    String[] basenames = new String[Words.PAGE_BUNDLES.length + 1];
    basenames[0] = Words.BUNDLES;
    System.arraycopy(Words.PAGE_BUNDLES, 0, basenames, 1, Words.PAGE_BUNDLES.length);
    return new IcuMessageSource(basenames);
  }

  @Bean
  Words words(IcuMessageSource messageSource) {
    return new Words(messageSource);
  }

  @Bean
  SmsWriter smsWriter(Words words) {
    return new SmsWriter(words);
  }

  /** Checks templates against a tracking link as long as the ones this app sends. */
  @Bean
  TemplateCheck templateCheck(SmsWriter writer, PublicUrls urls) {
    return new TemplateCheck(
        writer, ContractLimits.fromSchemas(), urls.trackingPage("x".repeat(TrackingTokens.LENGTH)));
  }
}
