-- grain: one row per year of the transfer x place (network, section, country) x partner (dimension 'partner'; null = all)
-- depends on: core.fct_missions
-- numerator: activities handed to a partner on or before the plan (the planned date, or 12 months
-- after the mission start when the sheet plans none); denominator: all activities handed over in the
-- year (the value of activities_transferred); value = 100 x numerator / denominator.
with transferred as (
    select * from core.fct_missions where transfer_actual_date is not null
),

sliced as (
    select *, cast(null as varchar) as dimension_name, cast(null as varchar) as dimension_value from transferred
    union all
    select *, 'partner', coalesce(transfer_partner, 'unknown') from transferred
),

rolled_up as (
    select
        -- indicator
        'activities_transferred_on_time_share' as indicator_code,
        'percent' as unit,
        -- period
        'year' as period_type,
        cast(year(transfer_actual_date) as varchar) as period,
        date_trunc('year', transfer_actual_date)::date as period_start,
        (date_trunc('year', transfer_actual_date) + interval 1 year - interval 1 day)::date as period_end,
        -- place (null = all)
        member,
        country_iso2,
        -- disaggregation (null = all)
        dimension_name,
        dimension_value,
        -- figures: recomputed from summed parts at every level
        count(*) filter (where transferred_on_time) as numerator,
        count(*) as denominator,
        100.0 * count(*) filter (where transferred_on_time) / count(*) as value,
        -- disclosure: the members whose figures feed the row
        list(distinct member) as contributing_members
    from sliced
    group by period_type, period, period_start, period_end, dimension_name, dimension_value, cube (member, country_iso2)
)

select * from rolled_up

-- test: one row per period, place and disaggregation
select period, member, country_iso2, dimension_name, dimension_value
from indicators.ind_activities_transferred_on_time_share group by all having count(*) > 1

-- test: on time never exceeds handed over
select * from indicators.ind_activities_transferred_on_time_share where numerator > denominator
