package io.milepost.notifier.push;

import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * STOMP 1.2 over plain WebSocket at {@code /ws} with the in-memory broker: right for one instance.
 * Several instances need a broker relay (RabbitMQ's STOMP plugin) instead.
 */
@Configuration
@EnableWebSocketMessageBroker
class WebSocketConfiguration implements WebSocketMessageBrokerConfigurer {
  static final String ENDPOINT = "/ws";

  private final SubscriptionGuard guard;

  WebSocketConfiguration(SubscriptionGuard guard) {
    this.guard = guard;
  }

  @Override
  public void registerStompEndpoints(StompEndpointRegistry registry) {
    registry.addEndpoint(ENDPOINT);
    registry.setErrorHandler(new RefusalErrorHandler());
  }

  @Override
  public void configureMessageBroker(MessageBrokerRegistry registry) {
    registry.enableSimpleBroker("/topic");
  }

  @Override
  public void configureClientInboundChannel(ChannelRegistration registration) {
    registration.interceptors(guard);
  }
}
