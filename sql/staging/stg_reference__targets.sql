-- grain: one row per target line of a published targets table
-- depends on: lake.targets
with source as (
    select * from lake.targets
),

renamed as (
    select
        -- ids
        delivery_sha256,
        run_id,
        source_file,
        source_line,
        -- target
        indicator_code,
        cast(year as integer) as year,
        member,
        upper(country_iso2) as country_iso2,
        cast(target as double) as target
    from source
)

select * from renamed
