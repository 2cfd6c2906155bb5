package io.milepost.notifier.push;

import io.milepost.notifier.PublicUrls;
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
  private final PublicUrls urls;

  WebSocketConfiguration(SubscriptionGuard guard, PublicUrls urls) {
    this.guard = guard;
    this.urls = urls;
  }

  @Override
  public void registerStompEndpoints(StompEndpointRegistry registry) {
    // Same-origin pages always connect; behind a proxy the browser's origin is the public URL.
    registry.addEndpoint(ENDPOINT).setAllowedOriginPatterns(urls.origin());
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
