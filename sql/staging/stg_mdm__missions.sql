-- grain: one row per Opération Sourire mission sheet of a published delivery
-- depends on: lake.missions
with source as (
    select * from lake.missions
),

renamed as (
    select
        -- ids
        mission_id,
        delivery_sha256,
        run_id,
        -- provenance
        source_family,
        source_file,
        source_line,
        -- who and where
        section,
        'mdm-' || lower(section) as member,
        country_raw,
        upper(country_iso2) as country_iso2,
        site,
        -- when
        cast(start_date as date) as start_date,
        cast(end_date as date) as end_date,
        -- what
        status,
        team,
        volunteers,
        patients_listed,
        -- transfer to a partner
        transfer_partner,
        cast(transfer_planned_date as date) as transfer_planned_date,
        cast(transfer_actual_date as date) as transfer_actual_date
    from source
)

select * from renamed

-- test: mission_id is unique and not null
select mission_id, count(*) from staging.stg_mdm__missions group by 1 having count(*) > 1 or mission_id is null

-- test: status is active, transferred or closed
select * from staging.stg_mdm__missions where status not in ('active', 'transferred', 'closed')

-- test: the mission ends on or after it starts
select * from staging.stg_mdm__missions where end_date < start_date
