-- grain: one row per figure of a published delivery, in the source's own words
-- depends on: lake.figures, ref.table_kinds
-- incremental: delivery_sha256 from lake.figures
with source as (
    -- source_completed came with the reporting rates: a lake read before them has no such column
    select * from lake.figures
    union all by name
    select cast(null as varchar) as source_completed
    where false
),

renamed as (
    select
        -- ids: the delivery, the sheet, the line and the column make the key (figure_key() spells it out)
        delivery_sha256,
        run_id,
        -- provenance
        source_family,
        source_file,
        source_sheet,
        source_line,
        source_column,
        table_kind,
        -- the source's organisation and place, as written
        org_code,
        nullif(trim(org_name), '') as org_name,
        nullif(trim(country), '') as country,
        nullif(trim(adm1), '') as adm1,
        nullif(trim(adm2), '') as adm2,
        nullif(trim(sector), '') as sector,
        -- period
        period_raw,
        period_type,
        period,
        cast(period_start as date) as period_start,
        cast(period_end as date) as period_end,
        -- what is counted, in the source's terms
        measure_scheme,
        measure,
        measure_label,
        breakdown,
        breakdown_label,
        attribute_option,
        -- figure
        cast(value as double) as value,
        -- when the source says the figure was last updated, and its report completed (DHIS2 lastUpdated, completeDate)
        source_updated,
        source_completed
    from source
)

select * from renamed

-- test by delivery: the delivery, sheet, line and column make a key
select * from figure_keys_given_twice('staging.stg_lake__figures')

-- test by delivery: no figure without measure, value or provenance
select * from staging.stg_lake__figures
where measure is null or measure_scheme is null or value is null or source_file is null or source_line is null

-- test by delivery: the measure scheme and the table kind are known
select * from staging.stg_lake__figures
where measure_scheme not in ('column', 'hxl', 'dhis2') or table_kind not in (select table_kind from ref.table_kinds)

-- test by delivery: period ends on or after it starts
select * from staging.stg_lake__figures where period_end < period_start
