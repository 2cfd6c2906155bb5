package io.milepost.notifier.ops;

import io.milepost.schemas.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The dead-letter topic of the console's own listener, created at start when missing like the
 * notifier's others (kafka/KafkaErrorHandling). The topics it reads, milepost.cx-metrics and
 * milepost.ops-events.dlq, are the stream job's and are created with it (deploy/local/run.sh: four
 * partitions): created here first, they would get the broker's default count instead.
 */
@Configuration(proxyBeanMethods = false)
class OpsTopics {
  /** Where an unreadable CX record is set aside (kafka/SetAside: the topic's name + .dlq). */
  @Bean
  NewTopic cxMetricsDeadLetterTopic() {
    return TopicBuilder.name(Topics.CX_METRICS + ".dlq").build();
  }
}
