-- grain: one row per year raised x place (network, section, country) x one of: status (open/closed), category, level (dimension_name; null = all)
-- depends on: core.fct_alerts, core.dim_period
-- value: alerts raised in the year; under dimension 'status', how many of them are still open or closed.
with alerts as (
    select *, coalesce(member, 'unknown') as member_or_unknown from core.fct_alerts
),

sliced as (
    select *, cast(null as varchar) as dimension_name, cast(null as varchar) as dimension_value from alerts
    union all
    select *, 'status', alert_status from alerts
    union all
    select *, 'category', category from alerts
    union all
    select *, 'level', level from alerts
),

rolled_up as (
    select
        -- indicator
        'red_orange_alerts' as indicator_code,
        'alerts' as unit,
        -- period: the year of the date (core.dim_period)
        y.period_type,
        y.period,
        y.period_start,
        y.period_end,
        -- place (null = all)
        member_or_unknown as member,
        country_iso2,
        -- disaggregation (null = all)
        dimension_name,
        dimension_value,
        -- figures
        count(*) as numerator,
        cast(null as double) as denominator,
        count(*) as value,
        -- disclosure: the members whose figures feed the row
        list(distinct member_or_unknown order by member_or_unknown) as contributing_members
    from sliced
    inner join core.dim_period as y on y.period_type = 'year' and date_raised between y.period_start and y.period_end
    group by period_type, period, period_start, period_end, dimension_name, dimension_value,
        cube (member_or_unknown, country_iso2)
)

select * from rolled_up

-- test: one row per period, place and disaggregation
select period, member, country_iso2, dimension_name, dimension_value
from indicators.ind_red_orange_alerts group by all having count(*) > 1

-- test: open + closed = raised, and the categories add up to the total
select t.period, t.member, t.country_iso2, t.value, s.dimension_name, s.total
from indicators.ind_red_orange_alerts as t
inner join (
    select period, member, country_iso2, dimension_name, sum(value) as total
    from indicators.ind_red_orange_alerts where dimension_name is not null group by all
) as s
    on s.period = t.period and s.member is not distinct from t.member and s.country_iso2 is not distinct from t.country_iso2
where t.dimension_name is null and s.total <> t.value
