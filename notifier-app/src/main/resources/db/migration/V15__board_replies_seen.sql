-- The board shows a job's customer replies (YES/NO, free text, scores) with a badge until someone
-- marks them seen; who and when is kept. A job's replies are read per job instance.
ALTER TABLE customer_replies
  ADD COLUMN seen_at timestamptz,
  ADD COLUMN seen_by text;
CREATE INDEX customer_replies_by_job ON customer_replies (tenant_id, job_id, instance);
