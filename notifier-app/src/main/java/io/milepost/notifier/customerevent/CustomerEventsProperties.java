package io.milepost.notifier.customerevent;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param publishTimeout the producer's longest wait for Kafka per event
 * @param republishInterval how often events Kafka has not acknowledged are published again
 */
@ConfigurationProperties("milepost.customer-events")
record CustomerEventsProperties(
    @DefaultValue("PT5S") Duration publishTimeout,
    @DefaultValue("PT10S") Duration republishInterval) {}
