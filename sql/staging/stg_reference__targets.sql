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

-- test: every target line names its indicator and year, and its file and line are unique
select delivery_sha256, source_file, source_line, count(*)
from staging.stg_reference__targets
group by all
having count(*) > 1 or bool_or(indicator_code is null or year is null)

-- test: every line of the lake's targets table is here (none lost to a cast)
select (select count(*) from lake.targets) as lake_lines, (select count(*) from staging.stg_reference__targets) as staged
where lake_lines <> staged
