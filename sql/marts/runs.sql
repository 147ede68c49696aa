-- grain: one row per run that changed the lake: when, what it read (or withdrew: status 'withdrawn'), how many rows, how long
-- depends on: core.fct_runs
select
    run_id,
    started_at,
    finished_at,
    ingest_seconds,
    status,
    withdrawn_by,
    detail,
    runner,
    input_folder,
    files_found,
    files_new,
    rows_read,
    rows_loaded,
    rows_rejected
from core.fct_runs

-- test: one row per run of core.fct_runs
select run_id, count(*) from marts.runs group by 1 having count(*) > 1
union all
select run_id, 0 from core.fct_runs where run_id not in (select run_id from marts.runs)
