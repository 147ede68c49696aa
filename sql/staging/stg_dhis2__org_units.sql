-- grain: one row per DHIS2 organisation unit of a published metadata delivery
-- depends on: lake.dhis2_org_units
-- incremental: delivery_sha256 from lake.dhis2_org_units
with source as (
    select * from lake.dhis2_org_units
),

renamed as (
    select
        -- ids
        uid as org_unit_uid,
        code as org_unit_code,
        delivery_sha256,
        run_id,
        -- provenance
        source_family,
        source_file,
        source_line,
        -- unit
        name as org_unit_name,
        short_name,
        level,
        parent_uid,
        path,
        -- names along the ancestry (level 1 country, 2 region, 3 district, 4 facility)
        country,
        region,
        district,
        facility
    from source
)

select * from renamed

-- test: a unit appears once per delivery
select delivery_sha256, org_unit_uid, count(*) from staging.stg_dhis2__org_units group by 1, 2 having count(*) > 1

-- test: a unit's path ends with its own uid
select * from staging.stg_dhis2__org_units where not ends_with(path, '/' || org_unit_uid)
