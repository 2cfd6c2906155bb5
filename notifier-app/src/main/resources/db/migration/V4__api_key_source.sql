-- Where an API key came from. Keys from configuration (milepost.ingest.api-keys) follow it: one no
-- longer configured is revoked at the next start. Keys created any other way are left alone.
ALTER TABLE api_keys ADD COLUMN source text NOT NULL DEFAULT 'configuration';
-- Until now configuration was the only way to create a key, so every existing row came from it
-- (the default above marked them so); later rows say where they come from, or are 'manual'.
ALTER TABLE api_keys ALTER COLUMN source SET DEFAULT 'manual';
