package io.milepost.notifier.customerevent;

import io.milepost.schemas.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The notifier writes {@link Topics#CUSTOMER_EVENTS}, so it creates it when missing. */
@Configuration(proxyBeanMethods = false)
class CustomerEventsTopic {
  @Bean
  NewTopic milepostCustomerEvents() {
    return TopicBuilder.name(Topics.CUSTOMER_EVENTS).build();
  }
}
