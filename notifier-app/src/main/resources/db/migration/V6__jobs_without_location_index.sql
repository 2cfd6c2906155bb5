-- jobs_by_location (tenant_id, location_id) serves no query: nothing filters jobs by location, and
-- the primary key (tenant_id, job_id, instance) serves every lookup by tenant. It did harm: while
-- jobs has no statistics yet (a new database, the first minute of a busy one), the planner takes it
-- for as selective as the primary key and uses it to find one job, which then reads every job of
-- the tenant. LiveBench at 2,000 events/s caught the foreign-key checks of told_news and
-- notifications against jobs doing that: 110-160 ms per 100 rows, most of an intent poll's time.
-- It also cost every board update that moved a row an index entry. A board that lists a
-- location's jobs brings the index it needs.
DROP INDEX jobs_by_location;
