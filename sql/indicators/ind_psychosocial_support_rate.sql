-- grain: one row per year of the mission start x place (network, section, country) x sex
-- depends on: core.fct_surgical_patients, core.dim_period
-- Operated patients whose sheet does not say "yes" to psychosocial follow-up count in the
-- denominator only: a follow-up that is not recorded is not counted as given.
with operated as (
    select * from core.fct_surgical_patients where operated
),

rolled_up as (
    select
        -- indicator
        'psychosocial_support_rate' as indicator_code,
        'percent' as unit,
        -- period: the year of the date (core.dim_period)
        y.period_type,
        y.period,
        y.period_start,
        y.period_end,
        -- place (null = all)
        member,
        country_iso2,
        -- disaggregation (null = all)
        sex,
        -- figures: recomputed from summed parts at every level, never averaged
        count(*) filter (where psychosocial_follow_up) as numerator,
        count(*) as denominator,
        100.0 * count(*) filter (where psychosocial_follow_up) / count(*) as value,
        -- disclosure: the members whose figures feed the row
        list(distinct member order by member) as contributing_members
    from operated
    inner join core.dim_period as y on y.period_type = 'year' and mission_start_date between y.period_start and y.period_end
    group by period_type, period, period_start, period_end, cube (member, country_iso2), grouping sets ((), (sex))
)

select * from rolled_up

-- test: one row per period, place and disaggregation
select period, member, country_iso2, sex from indicators.ind_psychosocial_support_rate group by all having count(*) > 1

-- test: the rate is a percentage and equals 100 x numerator / denominator
select * from indicators.ind_psychosocial_support_rate
where value < 0 or value > 100 or abs(value - 100.0 * numerator / denominator) > 1e-9
