package io.milepost.schemas;

/**
 * Headers of a record on {@link Topics#OPS_EVENTS_DLQ}. The record's value is the original bytes,
 * untouched, so it can be replayed once the producer or the contract is fixed.
 */
public final class DeadLetterHeaders {
  private DeadLetterHeaders() {}

  /** A sentence a person understands. */
  public static final String REASON = "milepost.error.reason";

  /** JSON pointer of the offending field, where one applies. */
  public static final String FIELD = "milepost.error.field";

  public static final String SOURCE_TOPIC = "milepost.source.topic";
  public static final String SOURCE_PARTITION = "milepost.source.partition";
  public static final String SOURCE_OFFSET = "milepost.source.offset";
}
