-- grain: one row per year of the action x member x theme (dimension 'theme'; null = all)
-- depends on: core.fct_advocacy_actions
-- A count: value = numerator = the advocacy actions of the year, no denominator. The share of them
-- involving service users is its own indicator, advocacy_actions_user_share.
with actions as (
    select * from core.fct_advocacy_actions
),

sliced as (
    select *, cast(null as varchar) as dimension_name, cast(null as varchar) as dimension_value from actions
    union all
    select *, 'theme', theme from actions
),

rolled_up as (
    select
        -- indicator
        'advocacy_actions' as indicator_code,
        'actions' as unit,
        -- period
        'year' as period_type,
        cast(year(action_date) as varchar) as period,
        date_trunc('year', action_date)::date as period_start,
        (date_trunc('year', action_date) + interval 1 year - interval 1 day)::date as period_end,
        -- place (null = all)
        member,
        -- disaggregation (null = all)
        dimension_name,
        dimension_value,
        -- figures
        count(*) as numerator,
        cast(null as double) as denominator,
        count(*) as value,
        -- disclosure: the members whose figures feed the row
        list(distinct member) as contributing_members
    from sliced
    group by period_type, period, period_start, period_end, dimension_name, dimension_value, grouping sets ((), (member))
)

select * from rolled_up

-- test: one row per period, place and disaggregation
select period, member, dimension_name, dimension_value from indicators.ind_advocacy_actions group by all having count(*) > 1

-- test: the themes add up to the total
select t.period, t.member, t.value, s.by_theme
from indicators.ind_advocacy_actions as t
inner join (
    select period, member, sum(value) as by_theme
    from indicators.ind_advocacy_actions where dimension_name = 'theme' group by all
) as s on s.period = t.period and s.member is not distinct from t.member
where t.dimension_name is null and s.by_theme <> t.value
