-- grain: one row per figure of the lake, with whether it counts and why not
-- depends on: staging.stg_lake__observations, core.validation_results, core.figure_deliveries
-- A figure does not count when its source row breaks an error-level validation rule, or when a later
-- delivery reports the same figure (same family, place, period, metric and breakdown): members re-send
-- corrected reports, sometimes under a new file name, and DHIS2 re-exports replace earlier values.
-- "Later" is the later run; within one run, the file whose name sorts last.
with observations as (
    select * from staging.stg_lake__observations
),

rejected_rows as (
    select distinct delivery_sha256, source_line
    from core.validation_results
    where severity = 'error'
),

checked as (
    select
        o.*,
        r.delivery_sha256 is not null as breaks_a_rule
    from observations as o
    left join rejected_rows as r
        on r.delivery_sha256 = o.delivery_sha256 and r.source_line = o.source_line
),

ranked as (
    select * from core.figure_deliveries
),

versions as (
    select
        c.*,
        case when c.breaks_a_rule then 0 else coalesce(r.version, 0) end as version,
        not c.breaks_a_rule and r.version = 1 as counts,
        case
            when c.breaks_a_rule then 'breaks a validation rule'
            when r.version > 1 then 'replaced by a later delivery'
        end as left_out_because
    from checked as c
    left join ranked as r
        on r.source_family = c.source_family
        and r.member is not distinct from c.member
        and r.org_unit is not distinct from c.org_unit
        and r.adm1 is not distinct from c.adm1
        and r.adm2 is not distinct from c.adm2
        and r.sector is not distinct from c.sector
        and r.period_type is not distinct from c.period_type
        and r.period is not distinct from c.period
        and r.metric_code = c.metric_code
        and r.sex is not distinct from c.sex
        and r.age_group is not distinct from c.age_group
        and r.run_id = c.run_id
        and r.source_file = c.source_file
)
select * from versions

-- test: a left-out figure says why
select * from core.observation_versions where not counts and left_out_because is null

-- test: at most one delivery counts for each figure
select source_family, member, org_unit, adm1, adm2, sector, period, metric_code, sex, age_group, count(distinct delivery_sha256)
from core.observation_versions
where counts
group by all
having count(distinct delivery_sha256) > 1
