-- grain: one row per Opération Sourire surgical mission (key: mission_id)
-- depends on: core.fct_missions
select
    -- ids
    mission_id,
    -- who and where
    member,
    section,
    country_iso2,
    site,
    -- when
    start_date,
    end_date,
    -- what
    status,
    team,
    volunteers,
    patients_listed,
    patients_loaded,
    patients_operated,
    patients_with_psychosocial_follow_up,
    -- transfer
    transfer_partner,
    transfer_planned_date,
    transfer_actual_date,
    transfer_due_date,
    transferred_on_time,
    -- provenance
    source_file,
    source_line
from core.fct_missions

-- test: mission_id is unique
select mission_id from marts.missions group by 1 having count(*) > 1
