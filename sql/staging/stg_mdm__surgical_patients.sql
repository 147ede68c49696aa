-- grain: one row per patient of a mission sheet (pseudonymised) of a published delivery
-- depends on: lake.surgical_patients
with source as (
    select * from lake.surgical_patients
),

renamed as (
    select
        -- ids
        mission_id || '/' || patient_pseudonym as patient_key,
        mission_id,
        patient_pseudonym,
        delivery_sha256,
        run_id,
        -- provenance
        source_family,
        source_file,
        source_line,
        -- patient
        sex,
        age_years,
        age_group,
        pathology_raw,
        pathology,
        -- care
        operated,
        psychosocial_follow_up
    from source
)

select * from renamed

-- test: patient_key is unique
select patient_key, count(*) from staging.stg_mdm__surgical_patients group by 1 having count(*) > 1

-- test: every patient is pseudonymised (p_ and 32 hex digits)
select * from staging.stg_mdm__surgical_patients where not regexp_full_match(patient_pseudonym, 'p_[0-9a-f]{32}')
