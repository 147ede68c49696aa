-- grain: one row per Opération Sourire surgical mission (natural key mission_id)
-- depends on: intermediate.int_mdm__missions, intermediate.int_mdm__surgical_patients, core.dim_country, ref.members
-- The version of each mission sheet that counts (intermediate.int_mdm__missions: labels mapped,
-- not held by a source test, the latest delivery), with its patients.
with missions as (
    select * from intermediate.int_mdm__missions where counts
),

patients as (
    select
        mission_id,
        count(*) as patients_loaded,
        count(*) filter (where operated) as patients_operated,
        count(*) filter (where operated and psychosocial_follow_up) as patients_with_psychosocial_follow_up
    from intermediate.int_mdm__surgical_patients
    where counts
    group by mission_id
),

enriched as (
    select
        -- ids
        m.mission_id,
        -- who and where (unknown country: ZZ, so that null keeps meaning "all")
        m.member,
        m.section,
        coalesce(m.country_iso2, 'ZZ') as country_iso2,
        m.country_raw,
        m.site,
        -- when
        m.start_date,
        m.end_date,
        -- what
        m.status,
        m.team,
        m.volunteers,
        -- patients
        m.patients_listed,
        coalesce(p.patients_loaded, 0) as patients_loaded,
        coalesce(p.patients_operated, 0) as patients_operated,
        coalesce(p.patients_with_psychosocial_follow_up, 0) as patients_with_psychosocial_follow_up,
        -- transfer: the plan is the planned date, or 12 months after the start when the sheet gives none
        m.transfer_partner,
        m.transfer_planned_date,
        m.transfer_actual_date,
        coalesce(m.transfer_planned_date, cast(m.start_date + interval 12 month as date)) as transfer_due_date,
        m.transfer_actual_date is not null
            and m.transfer_actual_date <= coalesce(m.transfer_planned_date, cast(m.start_date + interval 12 month as date))
            as transferred_on_time,
        -- provenance
        m.source_file,
        m.source_line,
        m.delivery_sha256
    from missions as m
    left join patients as p on p.mission_id = m.mission_id
)

select * from enriched

-- test: mission_id is unique
select mission_id from core.fct_missions group by 1 having count(*) > 1

-- test: member is in the member list
select * from core.fct_missions where member not in (select member_code from ref.members)

-- test: country is an ISO 3166 code
select * from core.fct_missions where country_iso2 not in (select country_iso2 from core.dim_country)

-- test: patients loaded never exceed the patients listed on the sheet
select * from core.fct_missions where patients_loaded > patients_listed
