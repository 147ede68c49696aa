-- grain: one row per indicator x period x place x disaggregation, every indicator model in one long table
-- depends on: indicators.ind_metric_formulas, ref.indicator_catalogue, indicators.ind_budget_execution_rate, indicators.ind_largest_donor_share
-- depends on: indicators.ind_patients_operated, indicators.ind_surgical_missions, indicators.ind_psychosocial_support_rate, indicators.ind_activities_transferred, indicators.ind_written_partnership_rate, indicators.ind_partnership_quality_score, indicators.ind_red_orange_alerts, indicators.ind_advocacy_actions
-- depends on: indicators.ind_reporting_rates
-- Each indicator model adds one "union all by name" branch below (and its name to "depends on");
-- columns a model does not have are null (null = "all"). Every model gives numerator, denominator and
-- value (value = factor x numerator, or factor x numerator / denominator), and contributing_members,
-- the members whose figures feed the row ('unknown' for figures of no known member), which disclosure
-- control reads, as it reads numerator_figures / denominator_figures where a model gives them (a
-- fingerprint of the source figures summed: two rows summing the same figures publish one count).
-- value_status says why a value is null: not_reported (no figure of the numerator for the period and
-- place: nothing reported is no value, never 0), no_denominator (a ratio over a zero or missing
-- denominator is undefined); reported otherwise.
with all_indicators as (
    select * from indicators.ind_metric_formulas
    union all by name
    select * from indicators.ind_budget_execution_rate
    union all by name
    select * from indicators.ind_largest_donor_share
    union all by name
    select * from indicators.ind_patients_operated
    union all by name
    select * from indicators.ind_surgical_missions
    union all by name
    select * from indicators.ind_psychosocial_support_rate
    union all by name
    select * from indicators.ind_activities_transferred
    union all by name
    select * from indicators.ind_written_partnership_rate
    union all by name
    select * from indicators.ind_partnership_quality_score
    union all by name
    select * from indicators.ind_red_orange_alerts
    union all by name
    select * from indicators.ind_advocacy_actions
    union all by name
    select * from indicators.ind_reporting_rates
),

described as (
    select
        * exclude (contributing_members),
        -- disclosure: how many known members feed the row (a member's own rows: 1), and which one when its
        -- figures are all of one member (none of an unknown member): that member knows the row's figures
        cast(len(list_filter(contributing_members, m -> m is not null and m <> 'unknown')) as integer) as members_contributing,
        case
            when len(contributing_members) = 1 and contributing_members[1] <> 'unknown' then contributing_members[1]
        end as sole_member,
        case
            when value is not null then 'reported'
            when numerator is null then 'not_reported'
            else 'no_denominator'
        end as value_status
    from all_indicators
)

select * from described

-- test: every indicator is in the catalogue
select distinct indicator_code from indicators.indicator_value
where indicator_code not in (select indicator_code from ref.indicator_catalogue)

-- test: period type is month, quarter, year or financial_year
select * from indicators.indicator_value where period_type not in ('month', 'quarter', 'year', 'financial_year')

-- test: a dimension value always comes with its dimension name
select * from indicators.indicator_value where (dimension_name is null) <> (dimension_value is null)

-- test: value = factor x numerator / denominator for every indicator with both, factor x numerator for the others
select v.indicator_code, v.period, v.member, v.country_iso2, v.org_unit, v.numerator, v.denominator, v.value, c.factor
from indicators.indicator_value as v
inner join ref.indicator_catalogue as c on c.indicator_code = v.indicator_code
where case
        when c.denominator_metric is not null and v.denominator is null then v.value is not null
        when v.numerator is null then v.value is not null
        when v.denominator is null then abs(v.value - cast(c.factor as double) * v.numerator) > 1e-9 * greatest(1, abs(v.value))
        when v.denominator = 0 then v.value is not null
        else v.value is null or abs(v.value - cast(c.factor as double) * v.numerator / v.denominator) > 1e-9 * greatest(1, abs(v.value))
    end
    or (c.denominator_metric is null and v.denominator is not null)

-- test: a member's own rows are fed by that member alone; a total by no fewer members than any of its parts
select v.indicator_code, v.period, v.member, v.members_contributing
from indicators.indicator_value as v
where (v.member is not null and v.member <> 'unknown' and (v.members_contributing <> 1 or v.sole_member <> v.member))
    or (v.member = 'unknown' and v.members_contributing <> 0)
