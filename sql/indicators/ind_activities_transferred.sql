-- grain: one row per indicator (activities_transferred, activities_transferred_on_time_share) x year of the transfer x place (network, section, country) x partner (dimension 'partner'; null = all)
-- depends on: core.fct_missions, core.dim_period
-- activities_transferred is a count: value = numerator = the activities (missions) handed to a partner
-- in the year, no denominator. activities_transferred_on_time_share is the share of them handed over
-- on or before the plan (the planned date, or 12 months after the mission start when the sheet plans
-- none): numerator those on time, denominator the count above, value = 100 x numerator / denominator.
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
        -- period: the year of the date (core.dim_period)
        y.period_type,
        y.period,
        y.period_start,
        y.period_end,
        -- place (null = all)
        member,
        country_iso2,
        -- disaggregation (null = all)
        dimension_name,
        dimension_value,
        -- figures
        count(*) as activities,
        count(*) filter (where transferred_on_time) as activities_on_time,
        -- disclosure: the members whose figures feed the row
        list(distinct member order by member) as contributing_members
    from sliced
    inner join core.dim_period as y on y.period_type = 'year' and transfer_actual_date between y.period_start and y.period_end
    group by period_type, period, period_start, period_end, dimension_name, dimension_value, cube (member, country_iso2)
),

indicators as (
    -- the count, and the share whose denominator it is
    select
        'activities_transferred' as indicator_code,
        'activities' as unit,
        * exclude (activities, activities_on_time),
        activities as numerator,
        cast(null as double) as denominator,
        activities as value
    from rolled_up
    union all
    select
        'activities_transferred_on_time_share',
        'percent',
        * exclude (activities, activities_on_time),
        activities_on_time,
        activities,
        100.0 * activities_on_time / activities
    from rolled_up
)

select * from indicators

-- test: one row per indicator, period, place and disaggregation
select indicator_code, period, member, country_iso2, dimension_name, dimension_value
from indicators.ind_activities_transferred group by all having count(*) > 1

-- test: the partners add up to the total, and on time never exceeds handed over
select t.indicator_code, t.period, t.member, t.country_iso2, t.numerator, s.by_partner
from indicators.ind_activities_transferred as t
left join (
    select indicator_code, period, member, country_iso2, sum(numerator) as by_partner
    from indicators.ind_activities_transferred where dimension_name = 'partner' group by all
) as s
    on s.indicator_code = t.indicator_code and s.period = t.period
    and s.member is not distinct from t.member and s.country_iso2 is not distinct from t.country_iso2
where (t.dimension_name is null and s.by_partner <> t.numerator) or t.numerator > t.denominator
