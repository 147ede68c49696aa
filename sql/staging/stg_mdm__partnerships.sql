-- grain: one row per partnership of the registry of a published delivery, in the registry's own words
-- depends on: lake.partnerships
-- incremental: delivery_sha256 from lake.partnerships
with source as (
    select * from lake.partnerships
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
        -- partnership, as written
        partner,
        country_raw,
        section_raw,
        type_raw as partnership_type_raw,
        agreement_raw,
        cast(start_date as date) as start_date,
        cast(end_date as date) as end_date,
        -- the headers as the file writes them (for reasons)
        section_column,
        type_column,
        agreement_column
    from source
)

select * from renamed

-- test: a partnership ends on or after it starts
select * from staging.stg_mdm__partnerships where end_date < start_date
