-- grain: one row per patient of a mission sheet (pseudonymised) of a published delivery, in the sheet's own words
-- depends on: lake.surgical_patients
-- incremental: delivery_sha256 from lake.surgical_patients
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
        -- patient, as written (the pathology normalised, or hashed when not made of clinical words)
        sex_raw,
        age_years,
        pathology_label,
        -- care
        operated,
        psychosocial_follow_up
    from source
)

select * from renamed

-- test: a patient is once in its delivery
select delivery_sha256, patient_key, count(*) from staging.stg_mdm__surgical_patients group by 1, 2 having count(*) > 1

-- test: every patient is pseudonymised (p_ and 32 hex digits)
select * from staging.stg_mdm__surgical_patients where not regexp_full_match(patient_pseudonym, 'p_[0-9a-f]{32}')

-- test: a pathology is a normalised label or a keyed hash (h_ and 32 hex digits), never a text as written
select * from staging.stg_mdm__surgical_patients
where pathology_label is not null and pathology_label <> label_key(pathology_label) and not regexp_full_match(pathology_label, 'h_[0-9a-f]{32}')
