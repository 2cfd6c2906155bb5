-- Tenants' own SMS templates (ICU MessageFormat), per kind of text and locale (a BCP 47 tag:
-- "es" serves every Spanish customer, "es-MX" only those who gave that tag). A kind and locale
-- without a row uses the shipped bundle's sentence. Only checked templates are stored
-- (words/TemplateCheck): known placeholders, the link, two segments at the contract's longest.
CREATE TABLE tenant_templates (
  tenant_id  text NOT NULL REFERENCES tenants,
  kind       text NOT NULL,
  locale     text NOT NULL,
  text       text NOT NULL,
  updated_at timestamptz NOT NULL,
  -- An API key's id (api-key:<first 12 hex of its SHA-256>), never the key.
  updated_by text NOT NULL,
  PRIMARY KEY (tenant_id, kind, locale)
);

-- The language a tenant's customers are written to when theirs has neither a tenant template nor
-- a shipped bundle (then English).
ALTER TABLE tenants ADD COLUMN default_locale text NOT NULL DEFAULT 'en';
