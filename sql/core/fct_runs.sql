-- grain: one row per run that changed the lake: an ingest (runs with nothing new leave no trace) or a withdrawal
-- depends on: staging.stg_lake__runs
-- materialized: view
select * from staging.stg_lake__runs

-- test: run_id is unique, and a run that finished did so after it started
select run_id from core.fct_runs group by 1 having count(*) > 1 or bool_or(finished_at < started_at)

-- test: a run's rows read = rows loaded + rows rejected
select * from core.fct_runs where rows_read <> rows_loaded + rows_rejected
