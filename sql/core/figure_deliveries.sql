-- grain: one row per figure (family, place, period, metric and breakdown) and delivery file that reports it
-- depends on: staging.stg_lake__observations, core.validation_results
-- The deliveries of each figure, ranked (1 = the one that counts): later run first, then, within a
-- run, the file whose name sorts last. A table of its own, a few thousand rows, so the ranking runs
-- over deliveries and not over the lake's rows, and the database knows how small it is when
-- core.observation_versions joins it to tens of millions of figures.
with rejected_rows as (
    select distinct delivery_sha256, source_line
    from core.validation_results
    where severity = 'error'
),

deliveries as (
    select distinct
        o.source_family, o.member, o.org_unit, o.adm1, o.adm2, o.sector, o.period_type, o.period, o.metric_code, o.sex,
        o.age_group, o.run_id, o.source_file
    from staging.stg_lake__observations as o
    anti join rejected_rows as r
        on r.delivery_sha256 = o.delivery_sha256 and r.source_line = o.source_line
)

select
    *,
    dense_rank() over (
        partition by source_family, member, org_unit, adm1, adm2, sector, period_type, period, metric_code, sex, age_group
        order by run_id desc, source_file desc
    ) as version
from deliveries

-- test: one version 1 for each figure
select source_family, member, org_unit, adm1, adm2, sector, period_type, period, metric_code, sex, age_group, count(*)
from core.figure_deliveries
where version = 1
group by all
having count(*) > 1
