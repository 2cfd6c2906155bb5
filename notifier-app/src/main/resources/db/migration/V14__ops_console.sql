-- The ops console: CX metrics from milepost.cx-metrics, the stream job's dead letters from
-- milepost.ops-events.dlq, and whose the notifier's own set-aside records are.

-- One row per tenant, location, kind (WINDOW or DAY) and window start. Every measure only grows
-- while a window or day is re-sent (counts and totals rise, maxima rise), so a row keeps the
-- greatest of each: a replayed or late older record changes nothing.
CREATE TABLE cx_metrics (
  tenant_id                  text NOT NULL,
  location_id                text NOT NULL,
  kind                       text NOT NULL CHECK (kind IN ('WINDOW', 'DAY')),
  window_start               timestamptz NOT NULL,
  window_end                 timestamptz NOT NULL,
  day                        date,
  time_zone                  text,
  first_updates              bigint NOT NULL,
  first_update_seconds_total bigint NOT NULL,
  first_update_seconds_max   bigint NOT NULL,
  customer_updates           bigint NOT NULL,
  jobs_closed                bigint NOT NULL,
  updates_of_closed_jobs     bigint NOT NULL,
  longest_silence_seconds    bigint NOT NULL,
  silences                   bigint NOT NULL,
  overruns                   bigint NOT NULL,
  promises_kept              bigint NOT NULL,
  promises_broken            bigint NOT NULL,
  dead_letters               bigint NOT NULL,
  PRIMARY KEY (tenant_id, location_id, kind, window_start)
);

-- One row per crossing: tenant, location, code, job ('' when none) and event time.
CREATE TABLE cx_alerts (
  id          bigserial PRIMARY KEY,
  tenant_id   text NOT NULL,
  location_id text NOT NULL,
  code        text NOT NULL,
  threshold   bigint NOT NULL,
  value       bigint NOT NULL,
  job_id      text NOT NULL DEFAULT '',
  at          timestamptz NOT NULL,
  UNIQUE (tenant_id, location_id, code, job_id, at)
);
CREATE INDEX cx_alerts_by_tenant ON cx_alerts (tenant_id, at DESC);

-- Records the stream job set aside (milepost.ops-events.dlq: bad events and bad rules), with the
-- reason and origin from their headers. tenant_id is NULL when the record does not say whose it
-- is: such a record is shown to no one (only counted).
CREATE TABLE dead_letters (
  id               bigserial PRIMARY KEY,
  topic            text NOT NULL,
  partition        integer NOT NULL,
  "offset"         bigint NOT NULL,
  tenant_id        text,
  source_topic     text,
  source_partition integer,
  source_offset    bigint,
  reason           text NOT NULL,
  field            text,
  record_key       text,
  payload          bytea,
  dead_at          timestamptz NOT NULL,
  UNIQUE (topic, partition, "offset")
);
CREATE INDEX dead_letters_by_tenant ON dead_letters (tenant_id, dead_at DESC);

-- Whose a record the notifier set aside is (NULL: unreadable); see kafka/RecordTenant.
ALTER TABLE rejected_records ADD COLUMN tenant_id text;
ALTER TABLE rejected_records ADD COLUMN record_key text;
CREATE INDEX rejected_records_by_tenant ON rejected_records (tenant_id, received_at DESC);

-- Rows set aside before this migration: their payload's tenantId, where it is readable JSON.
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT id, payload FROM rejected_records WHERE payload IS NOT NULL LOOP
    BEGIN
      UPDATE rejected_records
         SET tenant_id = convert_from(r.payload, 'UTF8')::jsonb ->> 'tenantId'
       WHERE id = r.id;
    EXCEPTION WHEN others THEN
      NULL; -- not UTF-8 or not JSON: stays unattributed
    END;
  END LOOP;
END $$;

-- The message log pages a tenant's notifications newest first.
CREATE INDEX notifications_by_tenant ON notifications (tenant_id, id DESC);
