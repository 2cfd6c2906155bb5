-- Customer events (customer-event.v1) waiting for Kafka: written in the transaction that decided
-- them (an inbound reply, an unreachable phone), published after commit, and again by the sweep
-- until Kafka acknowledged them. A transactional outbox, as notifications are for SMS.
CREATE TABLE customer_events (
  event_id     text PRIMARY KEY,
  tenant_id    text NOT NULL,
  record_key   text NOT NULL,
  payload      bytea NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE INDEX customer_events_unpublished ON customer_events (created_at)
  WHERE published_at IS NULL;
