-- grain: one row per ingest run that changed the lake: when, what it read, how many rows, how long
-- depends on: staging.stg_lake__runs
select
    run_id,
    started_at,
    finished_at,
    ingest_seconds,
    status,
    runner,
    input_folder,
    files_found,
    files_new,
    rows_read,
    rows_loaded,
    rows_rejected
from staging.stg_lake__runs
