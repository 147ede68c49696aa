-- grain: one row per DHIS2 metadata object (other than an org unit) of a published metadata delivery
-- depends on: lake.dhis2_metadata
-- incremental: delivery_sha256 from lake.dhis2_metadata
with source as (
    select * from lake.dhis2_metadata
),

renamed as (
    select
        -- ids
        uid,
        object_type,
        code,
        delivery_sha256,
        run_id,
        -- provenance
        source_family,
        source_file,
        source_line,
        -- object
        name,
        value_type,
        aggregation_type,
        category_combo,
        case when members is null or members = '' then [] else string_split(members, ' ') end as members,
        -- data sets: how often they are due and who must report them
        period_type,
        timely_days,
        case when org_units is null or org_units = '' then [] else string_split(org_units, ' ') end as org_units
    from source
)

select * from renamed

-- test: an object appears once per delivery
select delivery_sha256, object_type, uid, count(*) from staging.stg_dhis2__metadata group by 1, 2, 3 having count(*) > 1

-- test: object type is known
select * from staging.stg_dhis2__metadata
where object_type not in ('dataElement', 'categoryCombo', 'category', 'categoryOption', 'categoryOptionCombo', 'dataSet')
