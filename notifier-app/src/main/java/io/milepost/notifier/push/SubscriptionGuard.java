package io.milepost.notifier.push;

import io.milepost.notifier.security.MilepostUser;
import io.milepost.notifier.tracking.TrackingViews;
import java.security.Principal;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Checks every SUBSCRIBE. A tracking token is its own authorisation; a board needs a logged-in user
 * of that tenant and location; a pattern (wildcard) is never allowed. Throwing here makes Spring
 * answer with a STOMP ERROR frame.
 */
@Component
class SubscriptionGuard implements ChannelInterceptor {
  private final TrackingViews tracking;

  SubscriptionGuard(TrackingViews tracking) {
    this.tracking = tracking;
  }

  @Override
  public Message<?> preSend(Message<?> message, MessageChannel channel) {
    StompHeaderAccessor stomp =
        MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
    if (stomp == null) {
      return message;
    }
    if (StompCommand.SEND.equals(stomp.getCommand())) {
      throw new AccessDeniedException("this server does not accept messages from clients");
    }
    if (StompCommand.SUBSCRIBE.equals(stomp.getCommand())) {
      check(stomp.getDestination(), stomp.getUser());
    }
    return message;
  }

  private void check(String destination, Principal user) {
    // Before anything else: the broker would deliver every destination a pattern matches, and
    // the checks below judge one destination (an OPS user's "/topic/board/acme-motors/*" would
    // pass the tenant check and then receive boards no check saw).
    if (Destinations.isPattern(destination)) {
      throw new AccessDeniedException(
          "not allowed to subscribe to a pattern; subscribe to one destination");
    }
    var token = Destinations.trackingToken(destination);
    if (token.isPresent()) {
      if (!tracking.followable(token.get())) {
        throw new AccessDeniedException("no job is tracked at " + destination);
      }
      return;
    }
    var board = Destinations.boardScope(destination);
    if (board.isPresent()) {
      MilepostUser person = person(user);
      if (person == null || !person.canSeeBoard(board.get().tenantId(), board.get().locationId())) {
        throw new AccessDeniedException("not allowed to watch the board at " + destination);
      }
      return;
    }
    throw new AccessDeniedException("unknown destination " + destination);
  }

  private static MilepostUser person(Principal user) {
    return user instanceof Authentication authentication
            && authentication.getPrincipal() instanceof MilepostUser person
        ? person
        : null;
  }
}
