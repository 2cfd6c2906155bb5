-- The send rate per sender (sms/SendRate): one Bucket4j token bucket per Twilio sender, shared by
-- every notifier instance through this table (rows locked with SELECT ... FOR UPDATE).
CREATE TABLE send_rate_buckets (
  id         text PRIMARY KEY,
  state      bytea,
  expires_at bigint
);
