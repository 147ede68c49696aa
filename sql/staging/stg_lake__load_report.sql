-- grain: one row per ingest run and input file
-- depends on: lake.load_report
with source as (
    select * from lake.load_report
),

renamed as (
    select
        -- ids
        run_id,
        source_family,
        source_file,
        file_sha256,
        delivery_key,
        -- file
        size_bytes,
        file_kind,
        encoding,
        -- outcome
        status,
        rows_read,
        rows_loaded,
        rows_rejected,
        warnings,
        cast(run_at as timestamp) as run_at
    from source
)

select * from renamed

-- test: run and file are unique
select run_id, source_file, count(*) from staging.stg_lake__load_report group by 1, 2 having count(*) > 1

-- test: rows read = rows loaded + rows rejected
select * from staging.stg_lake__load_report where rows_read <> rows_loaded + rows_rejected
