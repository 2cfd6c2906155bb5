package io.milepost.notifier;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The notifier: intents become SMS, board updates become live pushes. See README.md. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class NotifierApplication {
  public static void main(String[] args) {
    SpringApplication.run(NotifierApplication.class, args);
  }

  /** The one clock the app reads, so that tests can set the time instead of waiting for it. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
