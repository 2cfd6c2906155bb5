/**
 * SMS through Twilio: the outbox ({@link io.milepost.notifier.sms.Notifications}), the dispatcher
 * that sends and reconciles ({@link io.milepost.notifier.sms.SmsDispatcher}), where an SMS leaves
 * ({@link io.milepost.notifier.sms.TwilioGateway}), and Twilio's status callbacks.
 */
package io.milepost.notifier.sms;
