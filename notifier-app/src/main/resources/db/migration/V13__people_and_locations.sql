-- People who log in (dealers, dispatchers, ops, admins), each of one tenant. Only a hash of each
-- password is kept ({bcrypt}...). An empty locations array means every location of the tenant.
CREATE TABLE people (
  username      text PRIMARY KEY CHECK (username ~ '^[A-Za-z0-9._@-]{2,64}$'),
  password_hash text NOT NULL,
  tenant_id     text NOT NULL REFERENCES tenants,
  role          text NOT NULL CHECK (role IN ('DEALER', 'DISPATCHER', 'OPS', 'ADMIN')),
  locations     text[] NOT NULL DEFAULT '{}',
  locale        text NOT NULL DEFAULT 'en',
  enabled       boolean NOT NULL DEFAULT true,
  -- 'configuration': brought in line with milepost.users at every start; 'manual': an admin's.
  source        text NOT NULL DEFAULT 'manual' CHECK (source IN ('configuration', 'manual')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX people_by_tenant ON people (tenant_id, username);

-- Who changed which person, and how (never the password itself).
CREATE TABLE people_audit (
  id         bigserial PRIMARY KEY,
  tenant_id  text NOT NULL REFERENCES tenants,
  username   text NOT NULL,
  changed_by text NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now(),
  change     text NOT NULL
);

-- Login attempts per username and per client address (security/LoginThrottle): one Bucket4j
-- token bucket per key, shared by every notifier instance.
CREATE TABLE login_buckets (
  id         text PRIMARY KEY,
  state      bytea,
  expires_at bigint
);

-- A tenant's places: the dealer or depot a customer deals with, named and reachable on the
-- tracking page. Jobs name their location by id; a location without a row shows its id.
CREATE TABLE locations (
  tenant_id   text NOT NULL REFERENCES tenants,
  location_id text NOT NULL,
  name        text NOT NULL,
  phone       text CHECK (phone ~ '^\+[1-9][0-9]{1,14}$'),
  address     text,
  PRIMARY KEY (tenant_id, location_id)
);
