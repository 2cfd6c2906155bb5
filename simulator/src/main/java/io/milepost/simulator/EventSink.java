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

  @Override
  void close();

  final class DeliveryException extends Exception {
    DeliveryException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
