-- grain: one row per mapped figure (family, place, period, metric and breakdown) that more than one delivery file reports, and delivery file that reports it
-- depends on: staging.stg_lake__figures, intermediate.int_figure_mappings, intermediate.int_held_rows, intermediate.int_delivery_metrics
-- The deliveries of each figure given by more than one, ranked (1 = the one that counts): later
-- run first, then, within a run, the file whose name sorts last. A figure only one delivery gives
-- has no row: its version is 1 (intermediate.int_figure_versions). A table of its own, and only of
-- the figures sent again (corrected reports, DHIS2 re-exports), so the ranking runs over those
-- and not over the lake's rows, and the database knows how small it is when
-- intermediate.int_figure_versions joins it to tens of millions of figures. Only deliveries that
-- share a member, period and metric with another (intermediate.int_delivery_metrics) can give a
-- figure again: their figures alone are read.
with overlapping as (
    select distinct d.delivery_sha256
    from intermediate.int_delivery_metrics as d
    semi join (
        select source_family, member, period_type, period, metric_code
        from intermediate.int_delivery_metrics
        group by all
        having count(*) > 1
    ) as shared
        on shared.source_family = d.source_family and shared.member is not distinct from d.member
        and shared.period_type is not distinct from d.period_type and shared.period is not distinct from d.period
        and shared.metric_code = d.metric_code
),

held_rows as (
    select delivery_sha256, source_sheet, source_line from intermediate.int_held_rows where source_column is null
),

-- the mapped figures of those deliveries, made here by intermediate.int_figures__mapped's own join,
-- with both of its sides filtered first: read through the view, the filter came after the join and
-- every figure of the lake was joined in every build that touched a figure (1.3 s at 1M rows, when
-- no delivery overlaps another)
counted as not materialized (
    select
        f.delivery_sha256, f.run_id, f.source_family, f.source_file, f.adm1, f.adm2, f.period_type, f.period, f.breakdown,
        f.attribute_option, m.member, m.org_unit, m.mapped_sector as sector, m.population_group, m.metric_code, m.sex,
        m.age_group
    from staging.stg_lake__figures as f
    inner join intermediate.int_figure_mappings as m
        on m.delivery_sha256 = f.delivery_sha256 and m.measure_scheme = f.measure_scheme and m.measure = f.measure
        and m.table_kind = f.table_kind and m.period_start is not distinct from f.period_start
        and m.breakdown is not distinct from f.breakdown and m.org_code is not distinct from f.org_code
        and m.org_name is not distinct from f.org_name and m.country is not distinct from f.country
        and m.sector is not distinct from f.sector
    anti join held_rows as h
        on h.delivery_sha256 = f.delivery_sha256 and h.source_line = f.source_line
        and h.source_sheet is not distinct from f.source_sheet
    where m.mapping_status = 'mapped'
        and f.delivery_sha256 in (select delivery_sha256 from overlapping)
        and m.delivery_sha256 in (select delivery_sha256 from overlapping)
),

-- the figures two deliveries or more give (one aggregate over the figures, no list kept per figure)
given_again as (
    select
        source_family, member, org_unit, adm1, adm2, sector, population_group, period_type, period, metric_code, sex,
        age_group, breakdown, attribute_option
    from counted
    group by all
    having min(delivery_sha256) <> max(delivery_sha256)
),

deliveries as (
    select distinct
        f.source_family, f.member, f.org_unit, f.adm1, f.adm2, f.sector, f.population_group, f.period_type, f.period,
        f.metric_code, f.sex, f.age_group, f.breakdown, f.attribute_option, f.run_id, f.source_file,
        -- the delivery (one per run and file): an incremental build reads this table by delivery
        f.delivery_sha256
    from counted as f
    semi join given_again as g
        on g.source_family = f.source_family and g.member is not distinct from f.member
        and g.org_unit is not distinct from f.org_unit and g.adm1 is not distinct from f.adm1
        and g.adm2 is not distinct from f.adm2 and g.sector is not distinct from f.sector
        and g.population_group is not distinct from f.population_group and g.period_type is not distinct from f.period_type
        and g.period is not distinct from f.period and g.metric_code = f.metric_code and g.sex is not distinct from f.sex
        and g.age_group is not distinct from f.age_group and g.breakdown is not distinct from f.breakdown
        and g.attribute_option is not distinct from f.attribute_option
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

-- test: only figures given by more than one delivery
select source_family, member, org_unit, adm1, adm2, sector, population_group, period_type, period, metric_code, sex,
    age_group, breakdown, attribute_option
from intermediate.int_figure_deliveries
group by all
having count(distinct delivery_sha256) < 2
