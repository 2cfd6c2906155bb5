package io.milepost.notifier.sms;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When SMS are sent, retried and reconciled.
 *
 * @param sweepInterval how often the outbox is swept for due and stuck rows
 * @param stuckAfter a row in SENDING this long is taken as orphaned and reconciled with Twilio;
 *     must exceed Twilio's connect plus read timeout, so a send still waiting for its answer is
 *     never looked up (and resent) behind its back
 * @param reconcileMargin how far before a row's first attempt Twilio's message list is searched:
 *     Twilio's dates are whole seconds and its clock is not ours. Messages older than that, or held
 *     by another row, are never taken for this row's
 * @param firstRetryAfter backoff before the first retry; doubles per attempt, with jitter
 * @param maxRetryAfter the longest backoff
 * @param maxAttempts after this many attempts (sends and reconciliations) a notification is FAILED
 * @param senderThreads threads that talk to Twilio; Kafka listener and scheduler threads never do
 * @param sendQueue rows waiting for a sender thread; when full, a row waits for the next sweep
 * @param finalStatusAfter a text Twilio took but reported no final status for (delivered,
 *     undelivered, failed) this long is looked up at Twilio, and again after as long, while it is
 *     younger than {@code finalStatusWithin}: a callback can be lost
 * @param finalStatusWithin how old a text may be and still be looked up
 * @param redeliveries how many times a text undelivered for a passing reason (30003, 30008) is sent
 *     again, as a new message, while it is still the job's latest text
 * @param redeliverAfter the wait before the first redelivery; doubles for each further one
 */
@ConfigurationProperties("milepost.sms")
public record SmsProperties(
    @DefaultValue("PT5S") Duration sweepInterval,
    @DefaultValue("PT2M") Duration stuckAfter,
    @DefaultValue("PT30S") Duration reconcileMargin,
    @DefaultValue("PT2S") Duration firstRetryAfter,
    @DefaultValue("PT5M") Duration maxRetryAfter,
    @DefaultValue("8") int maxAttempts,
    @DefaultValue("4") int senderThreads,
    @DefaultValue("200") int sendQueue,
    @DefaultValue("PT30M") Duration finalStatusAfter,
    @DefaultValue("P3D") Duration finalStatusWithin,
    @DefaultValue("2") int redeliveries,
    @DefaultValue("PT5M") Duration redeliverAfter) {}
