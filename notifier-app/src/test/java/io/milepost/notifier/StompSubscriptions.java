package io.milepost.notifier;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.support.MessageBuilder;

/** Subscribing as a page does, for tests that must not miss the first push. */
final class StompSubscriptions {
  private StompSubscriptions() {}

  /**
   * Subscribes and waits until the broker holds the subscription: STOMP has no reply to SUBSCRIBE
   * (the simple broker sends no receipts), and a push before that would be missed.
   */
  static void subscribeAndAwait(
      StompSession session,
      SimpleBrokerMessageHandler broker,
      String destination,
      StompFrameHandler frames) {
    session.subscribe(destination, frames);
    SimpMessageHeaderAccessor probe = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
    probe.setDestination(destination);
    Message<byte[]> message = MessageBuilder.createMessage(new byte[0], probe.getMessageHeaders());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !broker.getSubscriptionRegistry().findSubscriptions(message).isEmpty());
  }
}
