-- One satisfaction survey per closed job instance (csat/Surveys): scheduled when the customer is
-- told the job closed, turned into an outbox text by the sweep once it is due and the job's news
-- texts are all out, answered by a 1-5 reply (customer_scores) within the answer window.
CREATE TABLE csat_surveys (
  tenant_id       text NOT NULL,
  job_id          text NOT NULL,
  instance        bigint NOT NULL,
  phone           text NOT NULL,
  due_at          timestamptz NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  notification_id bigint REFERENCES notifications,
  PRIMARY KEY (tenant_id, job_id, instance),
  FOREIGN KEY (tenant_id, job_id, instance) REFERENCES jobs
);
CREATE INDEX csat_surveys_due ON csat_surveys (due_at) WHERE notification_id IS NULL;
