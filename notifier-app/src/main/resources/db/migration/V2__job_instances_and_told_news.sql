-- A job id may be used again after its terminal stage (a recycled repair-order number, a re-shipped
-- parcel). Each use is a job instance with its own board state, tracking token, contact and
-- messages, so one customer never gets another's news or link. And the notifier remembers, per
-- instance, what it told the customer, so news told once is never told again, whatever its
-- intent id (engine state lost and rebuilt, a replay, a restart without a savepoint).

ALTER TABLE contacts DROP CONSTRAINT contacts_tenant_id_job_id_fkey;
ALTER TABLE notifications DROP CONSTRAINT notifications_tenant_id_job_id_fkey;

ALTER TABLE jobs
  -- The notifier's own number for each use of a job id: 1, 2, ... A row written without one is
  -- the job id's first use, as every row before this migration was.
  ADD COLUMN instance bigint NOT NULL DEFAULT 1,
  -- The progress engine's number for this use (the version at which it began), as last seen on a
  -- message. It may change while the instance is open: an engine that lost its state starts
  -- counting again mid-instance, and the notifier adopts the new number. NULL: never seen.
  ADD COLUMN wire_instance bigint,
  -- When the terminal stage happened (event time). Only a message that happened after it may start
  -- the next instance; NULL while the instance is open.
  ADD COLUMN closed_at timestamptz;
ALTER TABLE jobs DROP CONSTRAINT jobs_pkey, ADD PRIMARY KEY (tenant_id, job_id, instance);

UPDATE jobs SET closed_at = COALESCE(
    (SELECT max((entry ->> 'enteredAt')::timestamptz)
       FROM jsonb_array_elements(jobs.timeline) AS entry
      WHERE entry ->> 'stage' = jobs.stage),
    updated_at)
  WHERE stage IN ('COLLECTED', 'DELIVERED', 'RETURNED');

ALTER TABLE contacts ADD COLUMN instance bigint NOT NULL DEFAULT 1;
ALTER TABLE contacts ALTER COLUMN instance DROP DEFAULT;
ALTER TABLE contacts DROP CONSTRAINT contacts_pkey, ADD PRIMARY KEY (tenant_id, job_id, instance);
ALTER TABLE contacts ADD FOREIGN KEY (tenant_id, job_id, instance) REFERENCES jobs;

ALTER TABLE notifications ADD COLUMN instance bigint NOT NULL DEFAULT 1;
ALTER TABLE notifications ADD FOREIGN KEY (tenant_id, job_id, instance) REFERENCES jobs;
DROP INDEX notifications_by_job;
CREATE INDEX notifications_by_job ON notifications (tenant_id, job_id, instance);

-- What each instance's customer was told: one row per stage told (with the latest event time it
-- was told for: a second failed delivery is new news, a replayed first one is not) and, for kinds
-- that recur without a stage change, one row per occurrence. Written in the transaction that
-- records the intent, under the job instance's row lock, so two notifiers cannot both tell.
-- Before this migration nothing was remembered: existing jobs start with an empty memory, and
-- the intent-id key still stops redelivered intents.
CREATE TABLE told_news (
  tenant_id   text NOT NULL,
  job_id      text NOT NULL,
  instance    bigint NOT NULL,
  kind        text NOT NULL,
  -- The stage for STAGE_CHANGED; the occurrence number for recurring kinds.
  subject     text NOT NULL,
  occurred_at timestamptz NOT NULL,
  intent_id   text NOT NULL REFERENCES processed_intents,
  -- Which news was told last: rises every time a row is written or told again.
  told_order  bigserial NOT NULL,
  PRIMARY KEY (tenant_id, job_id, instance, kind, subject),
  FOREIGN KEY (tenant_id, job_id, instance) REFERENCES jobs
);
