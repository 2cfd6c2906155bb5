package io.milepost.notifier.ops;

import io.milepost.schemas.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The topics the console reads, created at start when missing (partitions and replicas are the
 * broker's defaults), so its listeners never wait for a first record to bring them into being.
 */
@Configuration(proxyBeanMethods = false)
class OpsTopics {
  @Bean
  NewTopic cxMetricsTopic() {
    return TopicBuilder.name(Topics.CX_METRICS).build();
  }

  /** Where an unreadable CX record is set aside (kafka/SetAside: the topic's name + .dlq). */
  @Bean
  NewTopic cxMetricsDeadLetterTopic() {
    return TopicBuilder.name(Topics.CX_METRICS + ".dlq").build();
  }

  @Bean
  NewTopic opsEventsDeadLetterTopic() {
    return TopicBuilder.name(Topics.OPS_EVENTS_DLQ).build();
  }
}
