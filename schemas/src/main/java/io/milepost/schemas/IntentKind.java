package io.milepost.schemas;

/** Why a customer should hear from us. */
public enum IntentKind {
  /** The job entered a new stage. */
  STAGE_CHANGED
}
