/**
 * Where an event enters: raw Kafka records, validation against the wire contract, and the dead
 * letters of records that fail it.
 */
package io.milepost.stream.ingest;
