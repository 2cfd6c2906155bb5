/**
 * SMS through Twilio: the outbox ({@link io.milepost.notifier.sms.Notifications}), the dispatcher
 * that sends and reconciles on its own bounded sender threads ({@link
 * io.milepost.notifier.sms.SmsDispatcher}), where an SMS leaves ({@link
 * io.milepost.notifier.sms.TwilioGateway}), the one retry policy ({@link
 * io.milepost.notifier.sms.TwilioErrors}), the outbox gauges, and Twilio's status callbacks.
 */
package io.milepost.notifier.sms;
