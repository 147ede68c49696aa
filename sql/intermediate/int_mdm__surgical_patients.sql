-- grain: one row per patient of a mission sheet of the lake (pseudonymised), with sex, age group and pathology mapped, and whether it counts
-- depends on: staging.stg_mdm__surgical_patients, intermediate.int_mdm__missions, intermediate.int_entity_labels, ref.age_groups
-- Sex and pathology as the team writes them meet schemas/mappings/sex_labels.csv and
-- pathologies.csv at the mission's start date: a sex no line maps is 'unknown', a pathology no
-- line maps (or withheld as a keyed hash, not being made of clinical words) is 'other', a blank one
-- 'unknown'; marts.unmapped_figures lists them with the line to add. The age group is the common
-- band of the age in years (schemas/codes/age_groups.csv). A patient counts when its mission's
-- version counts; the patients of a held mission are held with it.
with patients as (
    select * from staging.stg_mdm__surgical_patients
),

missions as (
    select delivery_sha256, mission_id, start_date, counts, held, left_out_because from intermediate.int_mdm__missions
),

labels as (
    select * from intermediate.int_entity_labels
),

bands as (
    select age_group, cast(min_age as integer) as min_age, cast(max_age as integer) as max_age
    from ref.age_groups
    where cast(comparable as boolean) and min_age is not null
),

mapped as (
    select
        p.*,
        m.start_date as mission_start_date,
        case when p.sex_raw is null then 'unknown' else coalesce(s.code, 'unknown') end as sex,
        coalesce(b.age_group, 'unknown') as age_group,
        case
            when p.pathology_label is null then 'unknown'
            else coalesce(d.code, 'other')
        end as pathology,
        p.sex_raw is not null and s.code is null as sex_unmapped,
        p.pathology_label is not null and d.code is null as pathology_unmapped,
        regexp_full_match(coalesce(p.pathology_label, ''), 'h_[0-9a-f]{32}') as pathology_withheld,
        s.mapping_line as sex_mapping_line,
        d.mapping_line as pathology_mapping_line,
        m.held,
        m.counts,
        m.left_out_because
    from patients as p
    inner join missions as m on m.delivery_sha256 = p.delivery_sha256 and m.mission_id = p.mission_id
    left join labels as s on s.label_kind = 'sex' and s.label = p.sex_raw and s.on_date is not distinct from m.start_date
    left join labels as d on d.label_kind = 'pathology' and d.label = p.pathology_label and d.on_date is not distinct from m.start_date
    left join bands as b on p.age_years between b.min_age and coalesce(b.max_age, p.age_years)
)

select * from mapped

-- test: reconciles with the lake: every patient has one row (and its mission sheet)
select * from (select count(*) as n from intermediate.int_mdm__surgical_patients) as i,
    (select count(*) as n from staging.stg_mdm__surgical_patients) as s
where i.n <> s.n

-- test: one counted row per patient
select patient_key from intermediate.int_mdm__surgical_patients where counts group by 1 having count(*) > 1
