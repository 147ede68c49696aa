-- grain: one row per IATI activity as delivered (file x position): which version of an activity counts, and what replaced the others
-- depends on: core.fct_funding_activities
with versions as (
    select * from core.fct_funding_activities
)

select
    -- activity
    iati_identifier,
    reporting_org,
    member,
    country_iso2,
    title,
    activity_status,
    planned_start,
    actual_start,
    planned_end,
    actual_end,
    -- version
    last_updated_datetime,
    counts,
    replacement_reason,
    replaced_by_source_file,
    replaced_by_source_line,
    replaced_by_source_path,
    -- what it holds (counted in the marts only when counts)
    budgets,
    transactions,
    result_periods,
    -- provenance
    reporting_org_ref,
    source_file,
    source_line,
    source_path,
    activity_id
from versions

-- test: activity_id is unique
select activity_id from marts.funding_activities group by 1 having count(*) > 1

-- test: a version that does not count says what replaced it
select * from marts.funding_activities where not counts and (replacement_reason is null or replaced_by_source_file is null)
