/**
 * What was heard from or about a customer (a decision, a score, a message, an opt-out, a phone that
 * cannot get SMS), on its way to every notifier's boards: recorded with the change that decided it
 * ({@link io.milepost.notifier.customerevent.CustomerEvents#record}), published to {@code
 * milepost.customer-events} after commit and by a sweep until Kafka has it, and pushed to the
 * location's board by each instance ({@link
 * io.milepost.notifier.customerevent.CustomerEventListener}).
 */
package io.milepost.notifier.customerevent;
