package io.milepost.schemas;

/**
 * Why a customer should hear from us. Every kind but STAGE_CHANGED and CONTACT_CHANGED can happen
 * more than once per job instance without a stage change, so its intents carry an {@code
 * occurrence}: (instance, kind, occurrence) is told once whatever the intent id.
 */
public enum IntentKind {
  /** The job entered a new stage. */
  STAGE_CHANGED,
  /**
   * An event carried customer details (a phone on a second check-in, a corrected number) without a
   * stage change. Personal data must reach the notifier, which alone keeps it; the customer is told
   * nothing new because of it.
   */
  CONTACT_CHANGED,
  /**
   * The ETA moved by more than the tenant's ETA-change threshold since the ETA last told. Carries
   * the new {@code etaAt} and its {@code reason}.
   */
  ETA_CHANGED,
  /**
   * The predicted ETA passes {@code promisedAt} plus the tenant's tolerance: said before the
   * promise breaks, once per slip (again only if it slips by another threshold). Carries the new
   * {@code etaAt}, {@code promisedAt} and the {@code reason}.
   */
  DELAY_RISK,
  /** The stage ran past its SLA times the tenant's overrun factor. Once per stage entered. */
  STAGE_OVERRUN,
  /**
   * An open job in a stage that waits on the business heard nothing for the tenant's silence limit.
   * Once per silence: the next event ends it.
   */
  SILENCE
}
