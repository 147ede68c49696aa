-- grain: one row per year of the transfer x place (network, section, country) x partner (dimension 'partner'; null = all)
-- depends on: core.fct_missions
-- A count: value = numerator = the activities (missions) handed to a partner in the year, no
-- denominator. How many of them were handed over on time is activities_transferred_on_time_share.
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
        'activities_transferred' as indicator_code,
        'activities' as unit,
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
        -- figures
        count(*) as numerator,
        cast(null as double) as denominator,
        count(*) as value,
        -- disclosure: the members whose figures feed the row
        list(distinct member) as contributing_members
    from sliced
    group by period_type, period, period_start, period_end, dimension_name, dimension_value, cube (member, country_iso2)
)

select * from rolled_up

-- test: one row per period, place and disaggregation
select period, member, country_iso2, dimension_name, dimension_value
from indicators.ind_activities_transferred group by all having count(*) > 1

-- test: the partners add up to the total
select t.period, t.member, t.country_iso2, t.value, s.by_partner
from indicators.ind_activities_transferred as t
inner join (
    select period, member, country_iso2, sum(value) as by_partner
    from indicators.ind_activities_transferred where dimension_name = 'partner' group by all
) as s on s.period = t.period and s.member is not distinct from t.member and s.country_iso2 is not distinct from t.country_iso2
where t.dimension_name is null and s.by_partner <> t.value
