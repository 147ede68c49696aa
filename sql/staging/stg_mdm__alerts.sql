-- grain: one row per red/orange-line alert of a published delivery
-- depends on: lake.alerts
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
        -- alert
        category_raw,
        category,
        level,
        cast(date_raised as date) as date_raised,
        cast(date_closed as date) as date_closed,
        -- where and who
        country_raw,
        upper(country_iso2) as country_iso2,
        partner,
        section,
        case when section is not null then 'mdm-' || lower(section) end as member
    from source
)

select * from renamed

-- test: level is red or orange
select * from staging.stg_mdm__alerts where level not in ('red', 'orange')

-- test: an alert closes on or after it was raised
select * from staging.stg_mdm__alerts where date_closed < date_raised
