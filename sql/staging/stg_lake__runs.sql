-- grain: one row per run that changed the lake: an ingest (runs with nothing new leave no trace) or a withdrawal
-- depends on: lake.runs
with source as (
    -- withdrawals (palabre withdraw) add who and what; ingest runs have neither column
    select * from lake.runs
    union all by name
    select cast(null as varchar) as withdrawn_by, cast(null as varchar) as detail
    where false
),

renamed as (
    select
        -- ids
        run_id,
        -- when
        cast(started_at as timestamp) as started_at,
        cast(finished_at as timestamp) as finished_at,
        cast(seconds as double) as ingest_seconds,
        -- what: 'ingested', or 'withdrawn' with who asked and what went
        status,
        withdrawn_by,
        detail,
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
