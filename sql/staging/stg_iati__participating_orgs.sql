-- grain: one row per participating-org of an IATI activity
-- depends on: lake.iati_participating_orgs
-- incremental: delivery_sha256 from lake.iati_participating_orgs
with source as (
    select * from lake.iati_participating_orgs
),

renamed as (
    select
        -- ids
        md5(concat_ws('|', delivery_sha256, activity_path)) as activity_id,
        iati_identifier,
        position,
        -- organisation
        org_ref,
        org_name,
        coalesce(org_name, org_ref) as organisation,
        role,
        org_type,
        member,
        -- provenance
        source_file,
        delivery_sha256
    from source
)

select * from renamed

-- test: one row per activity and position
select activity_id, position, count(*) from staging.stg_iati__participating_orgs group by all having count(*) > 1
