-- grain: one row per Opération Sourire mission sheet of a published delivery, in the sheet's own words
-- depends on: lake.missions
-- incremental: delivery_sha256 from lake.missions
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
        -- who and where, as written
        section_raw,
        country_raw,
        site,
        -- when
        cast(start_date as date) as start_date,
        cast(end_date as date) as end_date,
        -- what, as written
        status_raw,
        team_raw,
        volunteers,
        patients_listed,
        -- transfer to a partner
        transfer_partner,
        cast(transfer_planned_date as date) as transfer_planned_date,
        cast(transfer_actual_date as date) as transfer_actual_date
    from source
)

select * from renamed

-- test: mission_id is not null, and one sheet per delivery
select delivery_sha256, count(*) from staging.stg_mdm__missions group by 1 having count(*) > 1 or bool_or(mission_id is null)

-- test: the mission ends on or after it starts
select * from staging.stg_mdm__missions where end_date < start_date
