package io.milepost.notifier.sms;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When SMS are retried and reconciled.
 *
 * @param sweepInterval how often the outbox is swept for due and stuck rows
 * @param stuckAfter a row in SENDING this long is taken as orphaned and reconciled with Twilio
 * @param reconcileMargin how far before a row's creation Twilio's message list is searched
 * @param firstRetryAfter backoff before the first retry; doubles per attempt, with jitter
 * @param maxRetryAfter the longest backoff
 * @param maxAttempts after this many attempts a notification is FAILED
 */
@ConfigurationProperties("milepost.sms")
public record SmsProperties(
    @DefaultValue("PT5S") Duration sweepInterval,
    @DefaultValue("PT2M") Duration stuckAfter,
    @DefaultValue("PT5M") Duration reconcileMargin,
    @DefaultValue("PT2S") Duration firstRetryAfter,
    @DefaultValue("PT5M") Duration maxRetryAfter,
    @DefaultValue("8") int maxAttempts) {}
