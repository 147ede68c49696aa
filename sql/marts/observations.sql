-- grain: one row per harmonised figure, with the file and line it came from
-- depends on: core.fct_observations
with observations as (
    select * from core.fct_observations
)

select
    -- provenance
    source_family,
    source_file,
    source_line,
    -- place
    member,
    org_unit,
    country_iso2,
    adm1,
    adm2,
    sector,
    -- period
    period_type,
    period,
    period_start,
    period_end,
    -- figure
    metric_code,
    sex,
    age_group,
    age_group_comparable,
    value,
    derived,
    run_id,
    delivery_sha256
from observations

-- test: one row per figure of core.fct_observations, with its file and line
select 'rows' as what, (select count(*) from marts.observations) as found, (select count(*) from core.fct_observations) as expected
where found <> expected
union all
select 'no provenance', count(*), 0 from marts.observations where source_file is null or source_line is null or delivery_sha256 is null
having count(*) > 0

-- test: the value of each metric and period is that of core.fct_observations
select metric_code, period_type, period, sum(value) as total from marts.observations group by all
except all
select metric_code, period_type, period, sum(value) from core.fct_observations group by all
