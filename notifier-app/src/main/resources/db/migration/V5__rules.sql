-- Tenants' rules for the progress engine (rules.v1.json), published to milepost.rules.
-- One row per tenant that set any; a tenant without one runs on the defaults (revision 0).
CREATE TABLE tenant_rules (
  tenant_id          text PRIMARY KEY REFERENCES tenants,
  revision           bigint NOT NULL CHECK (revision > 0),
  -- Exactly the record published, revision and updatedAt included.
  body               jsonb NOT NULL,
  updated_at         timestamptz NOT NULL,
  updated_by         text NOT NULL,
  -- The highest revision Kafka acknowledged; below revision, a sweep publishes again.
  published_revision bigint NOT NULL DEFAULT 0,
  CHECK (published_revision <= revision)
);

CREATE INDEX tenant_rules_unpublished ON tenant_rules (updated_at)
  WHERE published_revision < revision;

-- Every change: who (an API key's id, never the key), when, before (NULL: the defaults) and after.
CREATE TABLE rules_audit (
  id         bigserial PRIMARY KEY,
  tenant_id  text NOT NULL REFERENCES tenants,
  revision   bigint NOT NULL,
  actor      text NOT NULL,
  changed_at timestamptz NOT NULL,
  before     jsonb,
  after      jsonb NOT NULL,
  UNIQUE (tenant_id, revision)
);
