package io.milepost.notifier.kafka;

/**
 * A record that fails the same way on every attempt. The error handler does not retry it: it sets
 * it aside ({@link SetAside}) and the partition moves on.
 */
class PoisonRecordException extends RuntimeException {
  PoisonRecordException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
