-- grain: one row per indicator (advocacy_actions, advocacy_actions_user_share) x year of the action x member x theme (dimension 'theme'; null = all)
-- depends on: core.fct_advocacy_actions, core.dim_period
-- advocacy_actions is a count: value = numerator = the advocacy actions of the year, no denominator.
-- advocacy_actions_user_share is the share of them in which service users took part: numerator the
-- actions with service users, denominator the count above, value = 100 x numerator / denominator.
-- An action whose log does not say that service users took part counts in the denominator only.
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
        -- period: the year of the date (core.dim_period)
        y.period_type,
        y.period,
        y.period_start,
        y.period_end,
        -- place (null = all)
        member,
        -- disaggregation (null = all)
        dimension_name,
        dimension_value,
        -- figures
        count(*) as actions,
        count(*) filter (where service_users_involved) as actions_with_service_users,
        -- disclosure: the members whose figures feed the row
        list(distinct member order by member) as contributing_members
    from sliced
    inner join core.dim_period as y on y.period_type = 'year' and action_date between y.period_start and y.period_end
    group by period_type, period, period_start, period_end, dimension_name, dimension_value, grouping sets ((), (member))
),

indicators as (
    -- the count, and the share whose denominator it is
    select
        'advocacy_actions' as indicator_code,
        'actions' as unit,
        * exclude (actions, actions_with_service_users),
        actions as numerator,
        cast(null as double) as denominator,
        actions as value
    from rolled_up
    union all
    select
        'advocacy_actions_user_share',
        'percent',
        * exclude (actions, actions_with_service_users),
        actions_with_service_users,
        actions,
        100.0 * actions_with_service_users / actions
    from rolled_up
)

select * from indicators

-- test: one row per indicator, period, place and disaggregation
select indicator_code, period, member, dimension_name, dimension_value from indicators.ind_advocacy_actions group by all having count(*) > 1

-- test: the themes add up to the total, numerators and denominators
select t.indicator_code, t.period, t.member, t.numerator, t.denominator, s.n, s.d
from indicators.ind_advocacy_actions as t
inner join (
    select indicator_code, period, member, sum(numerator) as n, sum(denominator) as d
    from indicators.ind_advocacy_actions where dimension_name = 'theme' group by all
) as s on s.indicator_code = t.indicator_code and s.period = t.period and s.member is not distinct from t.member
where t.dimension_name is null and (s.n <> t.numerator or s.d is distinct from t.denominator)
