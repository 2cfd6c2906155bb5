-- When a notification was first handed to Twilio. Reconciliation searches Twilio's list from here
-- (less a small clock margin), not from the row's creation: a message Twilio created before this
-- row's first attempt cannot be this row's.
ALTER TABLE notifications ADD COLUMN first_attempt_at timestamptz;

-- Outbox gauges (rows by status, oldest waiting row) read only the unfinished rows.
CREATE INDEX notifications_unfinished ON notifications (status, created_at)
  WHERE status IN ('PENDING', 'SENDING');
