package io.milepost.simulator;

/** Where the simulator delivers records: Kafka directly, or the notifier's ingest API. */
interface EventSink extends AutoCloseable {

  /**
   * Delivers one record and waits for the receiver's answer.
   *
   * @return a short outcome for the progress line, e.g. "partition 1 offset 42" or "HTTP 202"
   * @throws DeliveryException when the receiver refused or could not be reached
   */
  String send(SimulatedEvent event) throws DeliveryException;

  /**
   * Hands a record over without waiting for the receiver, for bulk loads; {@link #flush()} waits
   * for all of them. Sinks that cannot pipeline simply send.
   *
   * @throws DeliveryException when an earlier record already failed
   */
  default void sendWithoutWaiting(SimulatedEvent event) throws DeliveryException {
    send(event);
  }

  /** Waits until every record handed over has been acknowledged or has failed. */
  default void flush() throws DeliveryException {}

  @Override
  void close();

  final class DeliveryException extends Exception {
    DeliveryException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
