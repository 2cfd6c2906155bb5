package io.milepost.notifier.rules;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How rules reach {@code milepost.rules}.
 *
 * @param publishTimeout the longest a publication may take: the rules producer's {@code
 *     max.block.ms}, {@code request.timeout.ms} and {@code delivery.timeout.ms}, so that once it
 *     has passed a record is either on Kafka or never will be (no late copy can overtake a newer
 *     revision). A PUT waits for it at most about twice (metadata, then delivery), then answers 202
 * @param republishInterval how often stored rules not yet on Kafka are published again
 */
@ConfigurationProperties("milepost.rules")
public record RulesProperties(
    @DefaultValue("PT5S") Duration publishTimeout,
    @DefaultValue("PT15S") Duration republishInterval) {}
