-- grain: one row per published delivery (input file content) and how it was read
-- depends on: lake.file_loads
-- incremental: delivery_sha256 from lake.file_loads
with source as (
    select * from lake.file_loads
),

renamed as (
    select
        -- ids
        delivery_sha256,
        run_id,
        source_family,
        source_file,
        -- how it was read
        file_kind,
        encoding,
        separator,
        -- accounting
        rows_read,
        rows_loaded,
        rows_rejected,
        cells_rejected,
        observations,
        warnings
    from source
)

select * from renamed

-- test: delivery is unique
select delivery_sha256, count(*) from staging.stg_lake__file_loads group by 1 having count(*) > 1

-- test: rows read = rows loaded + rows rejected
select * from staging.stg_lake__file_loads where rows_read <> rows_loaded + rows_rejected
