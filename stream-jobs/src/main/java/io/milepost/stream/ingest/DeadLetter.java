package io.milepost.stream.ingest;

import io.milepost.schemas.InvalidPayloadException;

/**
 * A record that failed the contract, bound for {@code milepost.ops-events.dlq}.
 *
 * @param key the original key's bytes, or null
 * @param value the original value's bytes, untouched, so the record can be replayed once fixed
 * @param reason every violation as sentences a person understands
 * @param field JSON pointer of the first violation, or null when it concerns the whole payload
 */
public record DeadLetter(
    byte[] key,
    byte[] value,
    String reason,
    String field,
    String sourceTopic,
    int sourcePartition,
    long sourceOffset) {

  public static DeadLetter of(RawEvent raw, InvalidPayloadException error) {
    String field = error.field().isEmpty() ? null : error.field();
    return new DeadLetter(
        raw.key(),
        raw.value(),
        error.getMessage(),
        field,
        raw.topic(),
        raw.partition(),
        raw.offset());
  }
}
