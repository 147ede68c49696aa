-- grain: one row per IATI result indicator period of the version of its activity that counts: target and actual as the publisher reports them
-- depends on: core.fct_funding_results, core.fct_funding_activities
with results as (
    select * from core.fct_funding_results
),

activities as (
    select activity_id, reporting_org, member, country_iso2, title as activity_title
    from core.fct_funding_activities
    where counts
)

select
    -- activity
    r.iati_identifier,
    a.activity_title,
    a.reporting_org,
    a.member,
    a.country_iso2,
    -- result and indicator
    r.result_type,
    r.result_title,
    r.indicator_title,
    r.indicator_measure,
    r.indicator_ascending,
    -- baseline
    r.baseline_year,
    r.baseline_value,
    -- period, target, actual
    r.period_start,
    r.period_end,
    r.target,
    r.actual,
    case when r.target is not null and r.target <> 0 then 100 * r.actual / r.target end as achievement_rate,
    -- provenance
    r.source_file,
    r.source_line,
    r.source_path,
    r.result_period_id
from results as r
inner join activities as a on a.activity_id = r.activity_id

-- test: result_period_id is unique
select result_period_id from marts.iati_results group by 1 having count(*) > 1
