package io.milepost.schemas;

/** Kafka topic names: fixed, part of the contract. */
public final class Topics {
  private Topics() {}

  public static final String OPS_EVENTS = "milepost.ops-events";
  public static final String OPS_EVENTS_DLQ = "milepost.ops-events.dlq";
  public static final String INTENTS = "milepost.intents";

  /** Intents the notifier set aside (will fail the same way every time), with the reason. */
  public static final String INTENTS_DLQ = "milepost.intents.dlq";

  public static final String BOARD = "milepost.board";

  /** Board updates the notifier set aside, with the reason. */
  public static final String BOARD_DLQ = "milepost.board.dlq";

  public static final String RULES = "milepost.rules";
  public static final String CX_METRICS = "milepost.cx-metrics";

  /** What customers said (decisions, scores, messages, opt-outs) and phones that cannot get SMS. */
  public static final String CUSTOMER_EVENTS = "milepost.customer-events";

  /** Customer events the notifier set aside, with the reason. */
  public static final String CUSTOMER_EVENTS_DLQ = "milepost.customer-events.dlq";
}
