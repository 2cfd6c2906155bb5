/**
 * What customers text back: {@link io.milepost.notifier.inbound.Replies} reads an inbound SMS as an
 * opt-out, opt-in, request for help, answer to a question, satisfaction score or free text.
 */
package io.milepost.notifier.inbound;
