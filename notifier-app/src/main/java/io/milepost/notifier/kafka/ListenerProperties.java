package io.milepost.notifier.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the Kafka listeners retry and when they call a record stuck. Group ids and concurrency are
 * read by the {@code @KafkaListener} annotations themselves ({@code milepost.kafka.*-group-id},
 * {@code milepost.kafka.concurrency}).
 *
 * @param stuckAfter a record retried (for an infrastructure reason) longer than this turns
 *     readiness DOWN until it goes through
 * @param firstRetryAfter the pause of its partition after a record's first failure; doubles on each
 *     further failure
 * @param maxRetryAfter the longest pause between two attempts
 */
@ConfigurationProperties("milepost.kafka")
public record ListenerProperties(
    @DefaultValue("PT2M") Duration stuckAfter,
    @DefaultValue("PT0.5S") Duration firstRetryAfter,
    @DefaultValue("PT30S") Duration maxRetryAfter) {}
