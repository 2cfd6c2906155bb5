package io.milepost.local.sandbox;

import java.time.Instant;

/**
 * A text a person sent as the customer from the messages page.
 *
 * @param phone the customer's number
 * @param sender the number (or Messaging Service) they answered
 * @param answer what the notifier texted back (its TwiML), a problem delivering it, or null
 */
record SandboxReply(String phone, String sender, String body, Instant at, String answer) {}
