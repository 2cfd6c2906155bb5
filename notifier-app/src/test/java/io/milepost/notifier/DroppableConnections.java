package io.milepost.notifier;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * The app's WebSocket connections, which a test can drop for real: {@link #dropAndRefuse} closes
 * every open one and closes each new one as soon as it opens, until {@link #allow}. Inert unless a
 * test switches it (every test shares the context): connections pass through untouched.
 */
final class DroppableConnections {
  static final DroppableConnections INSTANCE = new DroppableConnections();

  private final Set<WebSocketSession> open = ConcurrentHashMap.newKeySet();
  private volatile boolean refusing;

  private DroppableConnections() {}

  /** Drops every connection now and each new one until {@link #allow}. */
  void dropAndRefuse() {
    refusing = true;
    open.forEach(DroppableConnections::close);
  }

  void allow() {
    refusing = false;
  }

  private static void close(WebSocketSession session) {
    try {
      session.close(CloseStatus.SERVICE_RESTARTED);
    } catch (IOException e) {
      // Gone already.
    }
  }

  private WebSocketHandler decorate(WebSocketHandler handler) {
    return new WebSocketHandlerDecorator(handler) {
      @Override
      public void afterConnectionEstablished(WebSocketSession session) throws Exception {
        open.add(session);
        // Through the app as usual, so its closing runs the app's usual path too.
        super.afterConnectionEstablished(session);
        if (refusing) {
          close(session);
        }
      }

      @Override
      public void afterConnectionClosed(WebSocketSession session, CloseStatus status)
          throws Exception {
        open.remove(session);
        super.afterConnectionClosed(session, status);
      }
    };
  }

  /** Wraps the app's WebSocket handler (a second configurer beside the app's own). */
  @TestConfiguration(proxyBeanMethods = false)
  static class Configuration {
    @Bean
    WebSocketMessageBrokerConfigurer droppableConnections() {
      return new WebSocketMessageBrokerConfigurer() {
        @Override
        public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
          registration.addDecoratorFactory(INSTANCE::decorate);
        }
      };
    }
  }
}
