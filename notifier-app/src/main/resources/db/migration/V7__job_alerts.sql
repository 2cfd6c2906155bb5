-- A board update says why its ETA is what it is (etaReason: a reason code with parameters, never
-- prose) and which alerts are open on the job now (STAGE_OVERRUN, SILENCE, DELAY_RISK). Both are
-- part of the job instance's latest state: stored with it, replaced only by a newer version, and
-- shown on the board, the tracking page and the jobs API. Rows written before this migration have
-- no reason and no open alert.
ALTER TABLE jobs
  ADD COLUMN eta_reason jsonb,
  ADD COLUMN alerts jsonb NOT NULL DEFAULT '[]';
