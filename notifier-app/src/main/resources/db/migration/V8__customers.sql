-- Customers are known per tenant by their phone number (E.164), across jobs and locations: one
-- record with preferences and consent, linked to every job instance whose contact has that phone.
-- What events say (name, locale, time zone) updates the record, not a per-job copy; what the
-- customer or an operator chose (preferred_*, channels, quiet hours) wins over what events say.
CREATE TABLE customers (
  id                  bigserial PRIMARY KEY,
  tenant_id           text NOT NULL REFERENCES tenants,
  phone               text NOT NULL CHECK (phone ~ '^\+[1-9][0-9]{1,14}$'),
  -- As the latest event of any of the customer's jobs said.
  name                text,
  locale              text,
  time_zone           text,
  -- Preferences (PATCH/PUT /api/v1/customers/{phone}); NULL: follow the events, then the defaults.
  preferred_locale    text,
  preferred_time_zone text,
  channels            text NOT NULL DEFAULT 'SMS' CHECK (channels IN ('SMS', 'WEB_ONLY')),
  -- Quiet hours of this customer: NULL enabled follows the tenant (then the global setting);
  -- false: none for this customer; start/end (both or neither) replace the tenant's window.
  quiet_hours_enabled boolean,
  quiet_hours_start   time,
  quiet_hours_end     time,
  CHECK ((quiet_hours_start IS NULL) = (quiet_hours_end IS NULL)),
  -- Consent to SMS. A number is opted in until it says otherwise (the business texts about a job
  -- the customer brought). The provenance of the latest change is kept here and every change in
  -- consent_changes: when, which words, to which of our numbers, through what.
  consent             text NOT NULL DEFAULT 'OPTED_IN' CHECK (consent IN ('OPTED_IN', 'OPTED_OUT')),
  consent_changed_at  timestamptz,
  consent_words       text,
  consent_number      text,
  consent_source      text,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, phone)
);

CREATE TABLE consent_changes (
  id          bigserial PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers,
  consent     text NOT NULL CHECK (consent IN ('OPTED_IN', 'OPTED_OUT')),
  changed_at  timestamptz NOT NULL,
  words       text,
  number      text,
  source      text NOT NULL
);
CREATE INDEX consent_changes_by_customer ON consent_changes (customer_id, changed_at);

-- A job instance's contact is the customer who owns its phone. The contact keeps the fields the
-- job's own events brought (the fallback while it has no phone, so no customer); readers take the
-- customer's values first (contact/Contacts, contact/ContactsOfPoll).
ALTER TABLE contacts ADD COLUMN customer_id bigint REFERENCES customers;
CREATE INDEX contacts_by_customer ON contacts (customer_id);

INSERT INTO customers (tenant_id, phone, name, locale, time_zone)
  SELECT DISTINCT ON (tenant_id, phone) tenant_id, phone, name, locale, time_zone
    FROM contacts
   WHERE phone ~ '^\+[1-9][0-9]{1,14}$'
   ORDER BY tenant_id, phone, updated_at DESC;
UPDATE contacts SET customer_id = customers.id
  FROM customers
 WHERE customers.tenant_id = contacts.tenant_id AND customers.phone = contacts.phone;

-- A customer's messages are the SMS sent to their number at the tenant.
CREATE INDEX notifications_by_recipient ON notifications (tenant_id, to_address);
-- SMS held in quiet hours (status HELD, next_attempt_at = when they end) are released by the sweep.
CREATE INDEX notifications_held ON notifications (next_attempt_at) WHERE status = 'HELD';

-- What customers answer, and their satisfaction scores. Written by inbound SMS handling (a later
-- change); read here for the customer's history. Empty until then.
CREATE TABLE customer_replies (
  id          bigserial PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers,
  tenant_id   text NOT NULL,
  -- The job instance the reply answers, when known.
  job_id      text,
  instance    bigint,
  body        text NOT NULL,
  -- e.g. OPT_OUT, OPT_IN, HELP, DECISION, SCORE, MESSAGE
  kind        text NOT NULL,
  to_number   text,
  twilio_sid  text UNIQUE,
  received_at timestamptz NOT NULL,
  FOREIGN KEY (tenant_id, job_id, instance) REFERENCES jobs
);
CREATE INDEX customer_replies_by_customer ON customer_replies (customer_id, received_at);

CREATE TABLE customer_scores (
  id          bigserial PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers,
  tenant_id   text NOT NULL,
  job_id      text,
  instance    bigint,
  score       smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
  reply_id    bigint REFERENCES customer_replies,
  recorded_at timestamptz NOT NULL,
  FOREIGN KEY (tenant_id, job_id, instance) REFERENCES jobs
);
CREATE INDEX customer_scores_by_customer ON customer_scores (customer_id, recorded_at);
