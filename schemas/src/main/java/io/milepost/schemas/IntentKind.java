package io.milepost.schemas;

/** Why a customer should hear from us. */
public enum IntentKind {
  /** The job entered a new stage. */
  STAGE_CHANGED,
  /**
   * An event carried customer details (a phone on a second check-in, a corrected number) without a
   * stage change. Personal data must reach the notifier, which alone keeps it; the customer is told
   * nothing new because of it.
   */
  CONTACT_CHANGED
}
