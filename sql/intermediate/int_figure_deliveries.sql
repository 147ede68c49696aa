-- grain: one row per mapped figure (family, place, period, metric and breakdown) and delivery file that reports it
-- depends on: intermediate.int_figures__mapped, intermediate.int_quarantine
-- The deliveries of each figure, ranked (1 = the one that counts): later run first, then, within a
-- run, the file whose name sorts last. A table of its own, a few thousand rows, so the ranking runs
-- over deliveries and not over the lake's rows, and the database knows how small it is when
-- intermediate.int_figure_versions joins it to tens of millions of figures.
with held_rows as (
    select distinct delivery_sha256, source_sheet, source_line from intermediate.int_quarantine where source_column is null
),

deliveries as (
    select distinct
        f.source_family, f.member, f.org_unit, f.adm1, f.adm2, f.sector, f.population_group, f.period_type, f.period,
        f.metric_code, f.sex, f.age_group, f.breakdown, f.attribute_option, f.run_id, f.source_file,
        -- the delivery (one per run and file): an incremental build reads this table by delivery
        f.delivery_sha256
    from intermediate.int_figures__mapped as f
    anti join held_rows as h
        on h.delivery_sha256 = f.delivery_sha256 and h.source_line = f.source_line
        and h.source_sheet is not distinct from f.source_sheet
    where f.mapping_status = 'mapped'
)

select
    *,
    dense_rank() over (
        partition by source_family, member, org_unit, adm1, adm2, sector, population_group, period_type, period, metric_code,
            sex, age_group, breakdown, attribute_option
        order by run_id desc, source_file desc
    ) as version
from deliveries

-- test: one version 1 for each figure
select source_family, member, org_unit, adm1, adm2, sector, population_group, period_type, period, metric_code, sex,
    age_group, breakdown, attribute_option, count(*)
from intermediate.int_figure_deliveries
where version = 1
group by all
having count(*) > 1
