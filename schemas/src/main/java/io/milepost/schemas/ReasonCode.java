package io.milepost.schemas;

/**
 * Why an ETA is what it is, or why a customer hears of a delay: a code, never English. The notifier
 * and the pages render it, with the {@link Reason}'s parameters, in the customer's language.
 */
public enum ReasonCode {
  /** The event stated the ETA ({@code etaAt}); a producer's ETA wins over the prediction. */
  PRODUCER_ETA,
  /**
   * Learned from completed stages: {@code stage} usually takes {@code minutes}, over {@code
   * samples} completed stages.
   */
  TYPICAL_DURATION,
  /** Too few samples yet: the rule's SLA for {@code stage}, {@code minutes} long. */
  SLA_DURATION,
  /** {@code stage} is over its expected duration by {@code minutes}. */
  STAGE_OVERRUN,
  /** The ETA passes the promise ({@code promisedAt}) by {@code minutes}. */
  PROMISE_AT_RISK,
  /** No news for {@code minutes} in {@code stage}. */
  SILENCE
}
