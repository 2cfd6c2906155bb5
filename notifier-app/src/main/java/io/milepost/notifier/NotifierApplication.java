package io.milepost.notifier;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The notifier: intents become SMS, board updates become live pushes. See README.md. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class NotifierApplication {
  public static void main(String[] args) {
    SpringApplication.run(NotifierApplication.class, args);
  }
}
