-- grain: one row per target line of a published targets table, as written
-- depends on: lake.targets
-- incremental: delivery_sha256 from lake.targets
with source as (
    select * from lake.targets
),

renamed as (
    select
        -- ids
        delivery_sha256,
        run_id,
        -- provenance
        source_family,
        source_file,
        source_line,
        -- target, as written
        indicator_code,
        cast(year as integer) as year,
        member_raw,
        country_raw,
        cast(target as double) as target
    from source
)

select * from renamed
