package io.milepost.notifier.push;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.socket.messaging.StompSubProtocolErrorHandler;

/**
 * Puts the reason a SUBSCRIBE was refused into the ERROR frame's {@code message} header, instead of
 * Spring's generic "Failed to send message to clientInboundChannel".
 */
class RefusalErrorHandler extends StompSubProtocolErrorHandler {

  @Override
  public Message<byte[]> handleClientMessageProcessingError(
      Message<byte[]> clientMessage, Throwable error) {
    AccessDeniedException refusal = refusal(error);
    if (refusal == null) {
      return super.handleClientMessageProcessingError(clientMessage, error);
    }
    StompHeaderAccessor accessor =
        StompHeaderAccessor.create(org.springframework.messaging.simp.stomp.StompCommand.ERROR);
    accessor.setMessage(refusal.getMessage());
    accessor.setLeaveMutable(true);
    StompHeaderAccessor client =
        clientMessage == null ? null : StompHeaderAccessor.wrap(clientMessage);
    if (client != null && client.getReceipt() != null) {
      accessor.setReceiptId(client.getReceipt());
    }
    return MessageBuilder.createMessage(new byte[0], accessor.getMessageHeaders());
  }

  private static AccessDeniedException refusal(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof AccessDeniedException denied) {
        return denied;
      }
    }
    return null;
  }
}
