-- grain: one row per year x place (network, section, country) x partnership type (dimension 'partnership_type'; null = all)
-- depends on: core.fct_partnerships, core.dim_period
-- A partnership counts in a year when it is active on the year's last day (started on or before,
-- not ended before). Partnerships whose agreement is not recorded count in the denominator only.
with partnerships as (
    select * from core.fct_partnerships
),

years as (
    -- the years from the first start to the last start or end (core.dim_period)
    select period as yr, period_start as year_start, period_end as year_end
    from core.dim_period
    where period_type = 'year'
        and year(period_start) between (select min(year(start_date)) from partnerships)
        and (select max(greatest(year(start_date), coalesce(year(end_date), 0))) from partnerships)
),

active as (
    select p.*, y.yr, y.year_start, y.year_end
    from partnerships as p
    inner join years as y
        on (p.start_date is null or p.start_date <= y.year_end)
        and (p.end_date is null or p.end_date >= y.year_end)
),

sliced as (
    select *, cast(null as varchar) as dimension_name, cast(null as varchar) as dimension_value from active
    union all
    select *, 'partnership_type', partnership_type from active
),

rolled_up as (
    select
        -- indicator
        'written_partnership_rate' as indicator_code,
        'percent' as unit,
        -- period
        'year' as period_type,
        yr as period,
        year_start as period_start,
        year_end as period_end,
        -- place (null = all)
        member,
        country_iso2,
        -- disaggregation (null = all)
        dimension_name,
        dimension_value,
        -- figures: recomputed from summed parts at every level
        count(*) filter (where written_agreement) as numerator,
        count(*) as denominator,
        100.0 * count(*) filter (where written_agreement) / count(*) as value,
        -- disclosure: the members whose figures feed the row
        list(distinct member order by member) as contributing_members
    from sliced
    group by yr, year_start, year_end, dimension_name, dimension_value, cube (member, country_iso2)
)

select * from rolled_up

-- test: one row per period, place and disaggregation
select period, member, country_iso2, dimension_name, dimension_value
from indicators.ind_written_partnership_rate group by all having count(*) > 1

-- test: the rate equals numerator / denominator and the types add up to the total
select t.period, t.member, t.country_iso2
from indicators.ind_written_partnership_rate as t
inner join (
    select period, member, country_iso2, sum(numerator) as n, sum(denominator) as d
    from indicators.ind_written_partnership_rate where dimension_name = 'partnership_type' group by all
) as s
    on s.period = t.period and s.member is not distinct from t.member and s.country_iso2 is not distinct from t.country_iso2
where t.dimension_name is null and (s.n <> t.numerator or s.d <> t.denominator or abs(t.value - 100.0 * t.numerator / t.denominator) > 1e-9)
