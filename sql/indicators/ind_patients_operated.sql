-- grain: one row per period (year, quarter of the mission start) x place (network, section, country) x disaggregation (sex, age group, pathology)
-- depends on: core.fct_surgical_patients, core.dim_period
with operated as (
    select * from core.fct_surgical_patients where operated
),

in_periods as (
    -- the year and the quarter of the mission start (core.dim_period)
    select o.*, p.period_type, p.period, p.period_start as p_start, p.period_end as p_end
    from operated as o
    inner join core.dim_period as p
        on p.period_type in ('year', 'quarter') and o.mission_start_date between p.period_start and p.period_end
),

rolled_up as (
    select
        -- indicator
        'patients_operated' as indicator_code,
        'people' as unit,
        -- period
        period_type,
        period,
        p_start as period_start,
        p_end as period_end,
        -- place (null = all)
        member,
        country_iso2,
        -- disaggregation (null = all)
        sex,
        age_group,
        pathology,
        -- figures
        count(*) as numerator,
        cast(null as double) as denominator,
        count(*) as value,
        -- disclosure: the members whose figures feed the row
        list(distinct member order by member) as contributing_members
    from in_periods
    group by
        period_type, period, p_start, p_end,
        cube (member, country_iso2),
        grouping sets ((), (sex), (age_group), (pathology), (sex, age_group), (pathology, sex))
)

select * from rolled_up

-- test: one row per period, place and disaggregation
select period_type, period, member, country_iso2, sex, age_group, pathology
from indicators.ind_patients_operated group by all having count(*) > 1

-- test: female + male + unknown = total, at every period and place
select t.period_type, t.period, t.member, t.country_iso2, t.value, s.by_sex
from indicators.ind_patients_operated as t
inner join (
    select period_type, period, member, country_iso2, sum(value) as by_sex
    from indicators.ind_patients_operated
    where sex is not null and age_group is null and pathology is null
    group by all
) as s
    on s.period_type = t.period_type and s.period = t.period
    and s.member is not distinct from t.member and s.country_iso2 is not distinct from t.country_iso2
where t.sex is null and t.age_group is null and t.pathology is null and s.by_sex <> t.value

-- test: the pathologies add up to the total
select t.period, t.value, s.by_pathology
from indicators.ind_patients_operated as t
inner join (
    select period_type, period, member, country_iso2, sum(value) as by_pathology
    from indicators.ind_patients_operated
    where sex is null and age_group is null and pathology is not null
    group by all
) as s
    on s.period_type = t.period_type and s.period = t.period
    and s.member is not distinct from t.member and s.country_iso2 is not distinct from t.country_iso2
where t.sex is null and t.age_group is null and t.pathology is null and s.by_pathology <> t.value

-- test: a year equals the sum of its quarters
select y.period, y.value, q.quarters
from indicators.ind_patients_operated as y
inner join (
    select left(period, 4) as yr, member, country_iso2, sex, age_group, pathology, sum(value) as quarters
    from indicators.ind_patients_operated where period_type = 'quarter' group by all
) as q
    on q.yr = y.period and q.member is not distinct from y.member and q.country_iso2 is not distinct from y.country_iso2
    and q.sex is not distinct from y.sex and q.age_group is not distinct from y.age_group
    and q.pathology is not distinct from y.pathology
where y.period_type = 'year' and q.quarters <> y.value
