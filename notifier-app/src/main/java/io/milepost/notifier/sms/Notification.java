package io.milepost.notifier.sms;

import java.time.Instant;

/**
 * One message to one person: a row of the outbox.
 *
 * @param instance the job instance the text is about
 * @param firstAttemptAt when the row was first handed to Twilio; null while never attempted
 */
public record Notification(
    long id,
    String intentId,
    String tenantId,
    String jobId,
    long instance,
    String to,
    String body,
    NotificationStatus status,
    String twilioSid,
    Integer errorCode,
    String errorMessage,
    int attempts,
    Instant createdAt,
    Instant firstAttemptAt) {}
