package io.milepost.stream.ingest;

/**
 * One record of {@code milepost.ops-events} exactly as it arrived, before anything trusted it. The
 * bytes are kept untouched so an invalid record can be dead-lettered as it was sent.
 *
 * @param key the record key's bytes, or null when the producer sent none
 * @param value the record value's bytes, or null for a tombstone
 */
public record RawEvent(String topic, int partition, long offset, byte[] key, byte[] value) {}
