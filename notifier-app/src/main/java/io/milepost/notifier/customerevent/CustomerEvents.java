package io.milepost.notifier.customerevent;

import io.milepost.schemas.CustomerEvent;
import io.milepost.schemas.WireCodec;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The outbox of customer events: recorded with what decided them, published after commit. */
@Component
public class CustomerEvents {
  private final JdbcClient jdbc;
  private final CustomerEventPublisher publisher;

  CustomerEvents(JdbcClient jdbc, CustomerEventPublisher publisher) {
    this.jdbc = jdbc;
    this.publisher = publisher;
  }

  /**
   * Records {@code event} in the caller's transaction, so it exists exactly when what it reports
   * does; once that commits, it is published (and, should Kafka be down, by the sweep later). An
   * event recorded again under its id changes nothing.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void record(CustomerEvent event) {
    int inserted =
        jdbc.sql(
                "INSERT INTO customer_events (event_id, tenant_id, record_key, payload)"
                    + " VALUES (:id, :tenant, :key, :payload) ON CONFLICT (event_id) DO NOTHING")
            .param("id", event.eventId())
            .param("tenant", event.tenantId())
            .param("key", event.key())
            .param("payload", WireCodec.CUSTOMER_EVENT.encode(event))
            .update();
    if (inserted == 1) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              publisher.publish(List.of(event.eventId()));
            }
          });
    }
  }
}
