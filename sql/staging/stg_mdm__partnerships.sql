-- grain: one row per partnership of the registry of a published delivery
-- depends on: lake.partnerships
with source as (
    select * from lake.partnerships
),

renamed as (
    select
        -- ids
        concat_ws('|', partner, coalesce(upper(country_iso2), 'ZZ'), section, type, coalesce(cast(start_date as varchar), ''))
            as partnership_key,
        delivery_sha256,
        run_id,
        -- provenance
        source_family,
        source_file,
        source_line,
        -- partnership
        partner,
        country_raw,
        upper(country_iso2) as country_iso2,
        section,
        'mdm-' || lower(section) as member,
        type_raw as partnership_type_raw,
        type as partnership_type,
        agreement,
        cast(start_date as date) as start_date,
        cast(end_date as date) as end_date
    from source
)

select * from renamed

-- test: agreement is written, tacit or unknown
select * from staging.stg_mdm__partnerships where agreement not in ('written', 'tacit', 'unknown')
