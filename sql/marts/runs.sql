-- grain: one row per run that changed the lake: when, what it read (or withdrew: status 'withdrawn'), how many rows, how long
-- depends on: staging.stg_lake__runs
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
from staging.stg_lake__runs
