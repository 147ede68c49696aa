-- grain: one row per period (year, quarter of the mission start) x place (network, section, country) x status (dimension 'status'; null = all)
-- depends on: core.fct_missions, core.dim_period
with missions as (
    select * from core.fct_missions
),

sliced as (
    -- every mission counts once in the total and once under its status
    select *, cast(null as varchar) as dimension_name, cast(null as varchar) as dimension_value from missions
    union all
    select *, 'status', status from missions
),

in_periods as (
    -- the year and the quarter of the mission start (core.dim_period)
    select s.*, p.period_type, p.period, p.period_start as p_start, p.period_end as p_end
    from sliced as s
    inner join core.dim_period as p
        on p.period_type in ('year', 'quarter') and s.start_date between p.period_start and p.period_end
),

rolled_up as (
    select
        -- indicator
        'surgical_missions' as indicator_code,
        'missions' as unit,
        -- period
        period_type,
        period,
        p_start as period_start,
        p_end as period_end,
        -- place (null = all)
        member,
        country_iso2,
        -- disaggregation (null = all)
        dimension_name,
        dimension_value,
        -- figures
        count(*) as numerator,
        cast(null as double) as denominator,
        count(*) as value,
        -- disclosure: the members whose figures feed the row
        list(distinct member order by member) as contributing_members
    from in_periods
    group by period_type, period, p_start, p_end, dimension_name, dimension_value, cube (member, country_iso2)
)

select * from rolled_up

-- test: one row per period, place and disaggregation
select period_type, period, member, country_iso2, dimension_name, dimension_value
from indicators.ind_surgical_missions group by all having count(*) > 1

-- test: the statuses add up to the total
select t.period, t.member, t.country_iso2, t.value, s.by_status
from indicators.ind_surgical_missions as t
inner join (
    select period_type, period, member, country_iso2, sum(value) as by_status
    from indicators.ind_surgical_missions where dimension_name = 'status' group by all
) as s
    on s.period_type = t.period_type and s.period = t.period
    and s.member is not distinct from t.member and s.country_iso2 is not distinct from t.country_iso2
where t.dimension_name is null and s.by_status <> t.value

-- test: status is active, transferred or closed
select * from indicators.ind_surgical_missions
where dimension_name = 'status' and dimension_value not in ('active', 'transferred', 'closed')
