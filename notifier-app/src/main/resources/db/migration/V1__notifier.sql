-- The notifier's whole state. PII (names, phone numbers) lives only in contacts and notifications.

CREATE TABLE tenants (
  tenant_id    text PRIMARY KEY,
  display_name text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);

-- Machine credentials for the ingest API; only a SHA-256 of each key is kept.
CREATE TABLE api_keys (
  key_hash   text PRIMARY KEY,
  tenant_id  text NOT NULL REFERENCES tenants,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

CREATE TABLE jobs (
  tenant_id      text NOT NULL REFERENCES tenants,
  job_id         text NOT NULL,
  location_id    text NOT NULL,
  journey        text NOT NULL,
  stage          text NOT NULL,
  -- 0 until the first board update: any board update then wins over what an intent told us.
  version        bigint NOT NULL,
  timeline       jsonb NOT NULL DEFAULT '[]',
  eta_at         timestamptz,
  promised_at    timestamptz,
  note           text,
  tracking_token text NOT NULL UNIQUE,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, job_id)
);
CREATE INDEX jobs_by_location ON jobs (tenant_id, location_id);

CREATE TABLE contacts (
  tenant_id          text NOT NULL,
  job_id             text NOT NULL,
  name               text,
  phone              text,
  locale             text,
  time_zone          text,
  sms_blocked_reason text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, job_id),
  FOREIGN KEY (tenant_id, job_id) REFERENCES jobs
);
CREATE INDEX contacts_by_phone ON contacts (tenant_id, phone);

-- The idempotent consumer's memory: an intent id is recorded once, in the transaction that
-- creates its notification.
CREATE TABLE processed_intents (
  intent_id   text PRIMARY KEY,
  tenant_id   text NOT NULL,
  job_id      text NOT NULL,
  kind        text NOT NULL,
  version     bigint NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);

-- The transactional outbox: a row is written with its intent, sent only after commit.
CREATE TABLE notifications (
  id              bigserial PRIMARY KEY,
  intent_id       text NOT NULL REFERENCES processed_intents,
  tenant_id       text NOT NULL,
  job_id          text NOT NULL,
  channel         text NOT NULL,
  to_address      text,
  body            text NOT NULL,
  status          text NOT NULL,
  twilio_sid      text UNIQUE,
  error_code      integer,
  error_message   text,
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz,
  UNIQUE (intent_id, channel),
  FOREIGN KEY (tenant_id, job_id) REFERENCES jobs
);
CREATE INDEX notifications_due ON notifications (status, next_attempt_at);
CREATE INDEX notifications_by_job ON notifications (tenant_id, job_id);

CREATE TABLE notification_status_history (
  id              bigserial PRIMARY KEY,
  notification_id bigint NOT NULL REFERENCES notifications,
  status          text NOT NULL,
  error_code      integer,
  source          text NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX status_history_by_notification ON notification_status_history (notification_id);

-- Kafka records that could not be read: kept so nothing is lost and the partition moves on.
CREATE TABLE rejected_records (
  id          bigserial PRIMARY KEY,
  topic       text NOT NULL,
  partition   integer NOT NULL,
  "offset"    bigint NOT NULL,
  reason      text NOT NULL,
  payload     bytea,
  received_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (topic, partition, "offset")
);
