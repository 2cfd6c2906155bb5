package io.milepost.schemas;

/** Kafka topic names: fixed, part of the contract. */
public final class Topics {
  private Topics() {}

  public static final String OPS_EVENTS = "milepost.ops-events";
  public static final String OPS_EVENTS_DLQ = "milepost.ops-events.dlq";
  public static final String INTENTS = "milepost.intents";
  public static final String BOARD = "milepost.board";
  public static final String RULES = "milepost.rules";
  public static final String CX_METRICS = "milepost.cx-metrics";
}
