-- grain: one row per patient of a mission (key: mission_id + patient_pseudonym); no name, no clear code
-- The pathology is its code only: what the team wrote is free text and is never published.
-- depends on: core.fct_surgical_patients
select
    -- ids
    mission_id,
    patient_pseudonym,
    -- mission
    member,
    country_iso2,
    mission_start_date,
    -- patient
    sex,
    age_years,
    age_group,
    pathology,
    -- care
    operated,
    psychosocial_follow_up,
    -- provenance
    source_file,
    source_line
from core.fct_surgical_patients

-- test: mission_id + patient_pseudonym is unique
select mission_id, patient_pseudonym from marts.surgical_patients group by all having count(*) > 1

-- test: only pseudonyms, never a clear code
select * from marts.surgical_patients where not regexp_full_match(patient_pseudonym, 'p_[0-9a-f]{32}')
