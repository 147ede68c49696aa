-- grain: one row per IATI result indicator period: target and actual as the publisher reports them
-- depends on: staging.stg_iati__results, staging.stg_iati__activities
with results as (
    select * from staging.stg_iati__results
),

activities as (
    select activity_id, reporting_org, member, country_iso2, title as activity_title
    from staging.stg_iati__activities
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
    r.result_period_id
from results as r
left join activities as a on a.activity_id = r.activity_id

-- test: result_period_id is unique
select result_period_id from marts.iati_results group by 1 having count(*) > 1
