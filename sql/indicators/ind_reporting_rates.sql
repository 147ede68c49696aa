-- grain: one row per indicator (reporting_rate, reporting_rate_on_time) x period (month, quarter, year) x place (network, member, country) x dataset (dimension 'dataset'; null = all)
-- depends on: intermediate.int_reporting_rollups
-- DHIS2's REPORTING_RATE and REPORTING_RATE_ON_TIME: reports received (on time) over reports
-- expected, x 100, summed at every level (intermediate.int_reporting_rollups), never averaged.
with rollups as (
    select * from intermediate.int_reporting_rollups
),

rates as (
    select
        -- indicator
        'reporting_rate' as indicator_code,
        'percent' as unit,
        -- period
        period_type,
        period,
        period_start,
        period_end,
        -- place (null = all)
        member,
        country_iso2,
        -- disaggregation (null = all)
        case when dataset is not null then 'dataset' end as dimension_name,
        dataset as dimension_value,
        -- figures
        received as numerator,
        expected as denominator,
        100.0 * received / expected as value,
        contributing_members
    from rollups
    union all
    select
        'reporting_rate_on_time', 'percent', period_type, period, period_start, period_end, member, country_iso2,
        case when dataset is not null then 'dataset' end, dataset, on_time, expected, 100.0 * on_time / expected,
        contributing_members
    from rollups
)

select * from rates

-- test: one row per indicator, period, place and disaggregation
select indicator_code, period_type, period, member, country_iso2, dimension_value
from indicators.ind_reporting_rates group by all having count(*) > 1

-- test: a rate is a percentage, and on time never exceeds received
select r.* from indicators.ind_reporting_rates as r
inner join indicators.ind_reporting_rates as t
    on t.indicator_code = 'reporting_rate' and r.indicator_code = 'reporting_rate_on_time' and t.period_type = r.period_type
    and t.period = r.period and t.member is not distinct from r.member and t.country_iso2 is not distinct from r.country_iso2
    and t.dimension_value is not distinct from r.dimension_value
where r.value < 0 or t.value > 100 or r.numerator > t.numerator or r.denominator <> t.denominator
