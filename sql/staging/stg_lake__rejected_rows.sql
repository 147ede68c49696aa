-- grain: one row per rejected input row, or rejected cell of a row that loaded (source_column set)
-- depends on: lake.rejected_rows
-- incremental: delivery_sha256 from lake.rejected_rows
with source as (
    select * from lake.rejected_rows
),

renamed as (
    select
        -- ids
        run_id,
        delivery_sha256,
        -- where
        source_family,
        source_file,
        source_sheet,
        source_line,
        source_column,
        -- why
        reason,
        raw
    from source
)

select * from renamed

-- test: every rejection says why
select * from staging.stg_lake__rejected_rows where reason is null or trim(reason) = ''
