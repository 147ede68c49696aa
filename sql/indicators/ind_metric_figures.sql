-- grain: one row per harmonised figure of a metric_sum or metric_ratio indicator of the catalogue x period it counts in (month, quarter, year)
-- depends on: ref.indicator_catalogue, core.fct_observations, core.dim_period
-- materialized: view
-- The figures that indicators.ind_metric_formulas sums and marts.indicator_lineage lists, each with
-- the indicator it feeds, as numerator or denominator, and the periods it counts in.
with catalogue as (
    select indicator_code, formula_type, numerator_metric, denominator_metric, cast(factor as double) as factor, unit
    from ref.indicator_catalogue
    where formula_type in ('metric_sum', 'metric_ratio')
),

figures as (
    -- unknown places get explicit codes, so that null keeps meaning "all" after the roll-up
    select
        c.indicator_code,
        c.unit,
        c.formula_type,
        c.factor,
        coalesce(o.member, 'unknown') as member,
        coalesce(o.country_iso2, 'ZZ') as country_iso2,
        coalesce(o.org_unit, 'unknown') as org_unit,
        coalesce(o.adm1, 'unknown') as adm1,
        coalesce(o.adm2, 'unknown') as adm2,
        o.sex,
        o.age_group,
        o.period_type as figure_period_type,
        o.period as figure_period,
        o.observation_id,
        -- provenance (marts.indicator_lineage)
        o.source_family,
        o.source_file,
        o.source_line,
        o.run_id,
        o.metric_code,
        o.value,
        o.metric_code = c.numerator_metric as is_numerator,
        -- null, not 0, for the other metric: a sum over no figure stays null (nothing reported)
        case when o.metric_code = c.numerator_metric then o.value end as numerator_value,
        case when o.metric_code = c.denominator_metric then o.value end as denominator_value
    from core.fct_observations as o
    inner join catalogue as c on o.metric_code in (c.numerator_metric, c.denominator_metric)
    -- a figure of one population group (HXL +idps, +refugees) is a part of its total, never added to it
    where o.period_start is not null and o.population_group is null
),

in_periods as (
    -- each figure counts in the month, quarter and year its period counts in (core.dim_period: a
    -- period shorter than four weeks in those of its middle day, DHIS2's rule for weeks; a longer one
    -- in each that wholly contains it). Either way no figure lands in two months, and a yearly figure
    -- never lands in a month.
    select
        f.*,
        p.period_type,
        p.period,
        p.period_start as p_start,
        p.period_end as p_end
    from figures as f
    inner join core.dim_period as d on d.period_type = f.figure_period_type and d.period = f.figure_period
    cross join lateral (values ('month', d.month), ('quarter', d.quarter), ('year', d.year)) as k(parent_type, parent)
    inner join core.dim_period as p on p.period_type = k.parent_type and p.period = k.parent
)

select * from in_periods

-- test: a figure counts at most once in a month, a quarter and a year of each indicator
select indicator_code, observation_id, period_type, count(*)
from indicators.ind_metric_figures
group by all
having count(*) > 1

-- test: every figure's period is in core.dim_period (a figure without one would count nowhere)
select o.observation_id, o.period_type, o.period
from core.fct_observations as o
left join core.dim_period as d on d.period_type = o.period_type and d.period = o.period
where o.period_start is not null and (d.period is null or d.period_start <> o.period_start or d.period_end <> o.period_end)
