-- grain: one row per ingest run that changed the lake (runs with nothing new leave no trace)
-- depends on: lake.runs
with source as (
    select * from lake.runs
),

renamed as (
    select
        -- ids
        run_id,
        -- when
        cast(started_at as timestamp) as started_at,
        cast(finished_at as timestamp) as finished_at,
        cast(seconds as double) as ingest_seconds,
        -- what
        status,
        input_folder,
        runner,
        files_found,
        files_new,
        rows_read,
        rows_loaded,
        rows_rejected
    from source
)

select * from renamed

-- test: run_id is unique
select run_id from staging.stg_lake__runs group by 1 having count(*) > 1
