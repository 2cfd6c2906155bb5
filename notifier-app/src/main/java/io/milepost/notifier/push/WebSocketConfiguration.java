package io.milepost.notifier.push;

import io.milepost.notifier.PublicUrls;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
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
  static final long HEARTBEAT_MILLIS = 10_000;

  private final SubscriptionGuard guard;
  private final PublicUrls urls;
  private final int destinationCache;

  WebSocketConfiguration(
      SubscriptionGuard guard,
      PublicUrls urls,
      @Value("${milepost.push.destination-cache:50000}") int destinationCache) {
    this.guard = guard;
    this.urls = urls;
    this.destinationCache = destinationCache;
  }

  @Override
  public void registerStompEndpoints(StompEndpointRegistry registry) {
    // Same-origin pages always connect; behind a proxy the browser's origin is the public URL.
    registry.addEndpoint(ENDPOINT).setAllowedOriginPatterns(urls.origin());
    registry.setErrorHandler(new RefusalErrorHandler());
  }

  @Override
  public void configureMessageBroker(MessageBrokerRegistry registry) {
    // Heart-beats both ways (10 s): a page notices a dead connection and reconnects, and the
    // server drops connections whose page went away without closing.
    registry
        .enableSimpleBroker("/topic")
        .setHeartbeatValue(new long[] {HEARTBEAT_MILLIS, HEARTBEAT_MILLIS})
        .setTaskScheduler(heartbeats());
    // The broker finds a destination's subscribers by going through every subscription, unless the
    // destination is in its cache (1,024 by default). Every job's tracking destination gets a push
    // on every board update, watched or not: with more live jobs than the cache holds, nearly every
    // push went through all subscriptions (LiveBench at 2,000 events/s: a quarter of the board
    // listener's CPU). A destination costs a few hundred bytes in the cache.
    registry.setCacheLimit(destinationCache);
  }

  private static ThreadPoolTaskScheduler heartbeats() {
    ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    scheduler.setPoolSize(1);
    scheduler.setThreadNamePrefix("stomp-heartbeat-");
    scheduler.initialize();
    return scheduler;
  }

  @Override
  public void configureClientInboundChannel(ChannelRegistration registration) {
    registration.interceptors(guard);
  }
}
