-- grain: one row per IATI activity of a published delivery
-- depends on: lake.iati_activities
-- incremental: delivery_sha256 from lake.iati_activities
with source as (
    select * from lake.iati_activities
),

renamed as (
    select
        -- ids
        -- the position in the file, not the line: minified files put several activities on one line
        md5(concat_ws('|', delivery_sha256, source_path)) as activity_id,
        iati_identifier,
        delivery_sha256,
        run_id,
        -- provenance
        source_file,
        source_line,
        source_path,
        cast(regexp_extract(source_path, 'iati-activity\[(\d+)\]', 1) as bigint) as activity_position,
        standard_version,
        last_updated_datetime,
        -- UTC; what decides which of two versions of an activity counts (core.fct_funding_activities)
        cast(last_updated_utc as timestamp) as last_updated_at,
        -- who
        reporting_org_ref,
        reporting_org_type,
        coalesce(reporting_org_name, reporting_org_ref) as reporting_org,
        reporting_org_member,
        member,
        member_basis,
        member_org_name,
        -- what, where, when
        title,
        activity_status,
        default_currency,
        upper(country_iso2) as country_iso2,
        recipient_countries,
        sectors,
        cast(planned_start as date) as planned_start,
        cast(actual_start as date) as actual_start,
        cast(planned_end as date) as planned_end,
        cast(actual_end as date) as actual_end
    from source
)

select * from renamed

-- test: activity_id is unique
select activity_id, count(*) from staging.stg_iati__activities group by 1 having count(*) > 1

-- test: every activity has an identifier and a member (unknown when the mapping has none)
select * from staging.stg_iati__activities where iati_identifier is null or member is null
