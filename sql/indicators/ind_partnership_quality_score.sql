-- grain: one row per submission year x place (network, section, country) x partner type (dimension 'partnership_type'; null = all)
-- depends on: core.fct_partner_survey_answers, core.dim_period
-- The overall score (1-5) of each answer; answers marked not_approved in Kobo are left out.
-- value = numerator (sum of scores) / denominator (number of answers): a mean recomputed at every level.
with answers as (
    select * from core.fct_partner_survey_answers
    where score_item = 'overall' and score is not null and coalesce(validation_status, '') <> 'not_approved'
),

sliced as (
    select *, cast(null as varchar) as dimension_name, cast(null as varchar) as dimension_value from answers
    union all
    select *, 'partnership_type', coalesce(partner_type, 'unknown') from answers
),

rolled_up as (
    select
        -- indicator
        'partnership_quality_score' as indicator_code,
        'score 1-5' as unit,
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
        sum(score) as numerator,
        count(*) as denominator,
        sum(score) / count(*) as value,
        -- disclosure: the members whose figures feed the row
        list(distinct member order by member) as contributing_members
    from sliced
    inner join core.dim_period as y on y.period_type = 'year' and submission_date between y.period_start and y.period_end
    group by period_type, period, period_start, period_end, dimension_name, dimension_value, cube (member, country_iso2)
)

select * from rolled_up

-- test: one row per period, place and disaggregation
select period, member, country_iso2, dimension_name, dimension_value
from indicators.ind_partnership_quality_score group by all having count(*) > 1

-- test: the mean score is between 1 and 5
select * from indicators.ind_partnership_quality_score where value < 1 or value > 5
