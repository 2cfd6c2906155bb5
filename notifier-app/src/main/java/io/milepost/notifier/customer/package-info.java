/**
 * Customers: one record per tenant and phone number (E.164) across jobs and locations, with their
 * preferences (channels, language, time zone, quiet hours) and consent. {@link
 * io.milepost.notifier.customer.SendingRules} decides whether an SMS may go to a customer now, is
 * held to the end of quiet hours, or must not go at all; {@link
 * io.milepost.notifier.customer.Consent} is the one way consent changes. {@code
 * CustomersController} serves a customer with their history to operators.
 */
package io.milepost.notifier.customer;
