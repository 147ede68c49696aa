-- grain: one row per patient of a mission (natural key mission_id + patient_pseudonym), pseudonymised
-- depends on: intermediate.int_mdm__surgical_patients, core.fct_missions, ref.sexes, ref.age_groups
-- The patients of the mission versions that count, sex, age group and pathology mapped
-- (intermediate.int_mdm__surgical_patients). The pathology as written is not carried on: only its code.
with patients as (
    select * from intermediate.int_mdm__surgical_patients where counts
),

missions as (
    select mission_id, member, section, country_iso2, start_date, status from core.fct_missions
),

enriched as (
    select
        -- ids
        p.patient_key,
        p.mission_id,
        p.patient_pseudonym,
        -- mission
        m.member,
        m.section,
        m.country_iso2,
        m.start_date as mission_start_date,
        -- patient
        p.sex,
        p.age_years,
        p.age_group,
        p.pathology,
        -- care
        p.operated,
        p.psychosocial_follow_up,
        -- provenance
        p.source_file,
        p.source_line,
        p.delivery_sha256
    from patients as p
    inner join missions as m on m.mission_id = p.mission_id
)

select * from enriched

-- test: patient_key is unique
select patient_key from core.fct_surgical_patients group by 1 having count(*) > 1

-- test: every patient that counts belongs to a loaded mission
select * from intermediate.int_mdm__surgical_patients where counts and mission_id not in (select mission_id from core.fct_missions)

-- test: sex is female, male or unknown
select * from core.fct_surgical_patients where sex not in (select sex from ref.sexes)

-- test: age group is in the code list
select * from core.fct_surgical_patients where age_group not in (select age_group from ref.age_groups)

-- test: pathology is cleft, burn, tumour, other or unknown
select * from core.fct_surgical_patients where pathology not in ('cleft', 'burn', 'tumour', 'other', 'unknown')
