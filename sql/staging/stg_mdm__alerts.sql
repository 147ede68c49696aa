-- grain: one row per red/orange-line alert of a published delivery, in the log's own words
-- depends on: lake.alerts
-- incremental: delivery_sha256 from lake.alerts
with source as (
    select * from lake.alerts
),

renamed as (
    select
        -- ids
        coalesce(alert_id, source_file || ':' || source_line) as alert_key,
        alert_id,
        delivery_sha256,
        run_id,
        -- provenance
        source_family,
        source_file,
        source_line,
        -- alert, as written
        category_raw,
        level_raw,
        cast(date_raised as date) as date_raised,
        cast(date_closed as date) as date_closed,
        -- where and who, as written
        country_raw,
        partner,
        section_raw,
        -- the headers as the file writes them (for reasons)
        category_column,
        level_column,
        section_column
    from source
)

select * from renamed

-- test: an alert closes on or after it was raised
select * from staging.stg_mdm__alerts where date_closed < date_raised
