-- grain: one row per indicator x period (month, quarter, year) x place (network, member, country, region adm1, district adm2, org unit) x disaggregation (none, sex, age group, sex and age group), for the catalogue's metric_sum and metric_ratio indicators
-- depends on: ref.indicator_catalogue, indicators.ind_metric_figures
-- Indicators defined by a catalogue line only: metric_sum = factor x the sum of numerator_metric;
-- metric_ratio = factor x sum of numerator_metric / sum of denominator_metric, the numerator and the
-- denominator summed at every level and the value recomputed from the sums, never averaged. A ratio
-- whose numerator metric has no figure for the period and place has a null numerator and value (not
-- reported, not zero); one without a denominator figure, or a zero one, has a null value.
with in_periods as (
    -- each figure of the indicator in the month, quarter and year it counts in
    select * from indicators.ind_metric_figures
),

sliced as (
    -- a source row carries its total and its breakdowns side by side: never add them together
    select
        *,
        case
            when sex is null and age_group is null then 'none'
            when age_group is null then 'sex'
            when sex is null then 'age_group'
            else 'sex_age_group'
        end as slice
    from in_periods
),

leaves as (
    -- each figure added once into its finest cell (org unit, district, sex, age group); the roll-ups
    -- below add up these cells instead of the figures (at 10M bench rows: 34 thousand cells for 790
    -- thousand figure x period rows; the members' list over the figures took half of this model's time)
    select
        indicator_code, unit, formula_type, factor, period_type, period, p_start, p_end, slice, sex, age_group,
        member, country_iso2, adm1, adm2, org_unit,
        sum(numerator_value) as numerator,
        sum(denominator_value) as denominator,
        bit_xor(case when is_numerator then hash(observation_id) end) as numerator_figures,
        bit_xor(case when not is_numerator then hash(observation_id) end) as denominator_figures
    from sliced
    group by all
),

summed as (
    select
        -- indicator
        indicator_code,
        unit,
        formula_type,
        factor,
        -- period
        period_type,
        period,
        p_start as period_start,
        p_end as period_end,
        -- place (null = all)
        member,
        country_iso2,
        adm1,
        adm2,
        org_unit,
        -- disaggregation (null = all)
        sex,
        age_group,
        cast(null as varchar) as pathology,
        -- figures: sums of the cells' sums (a sum over no figure stays null)
        sum(numerator) as numerator,
        sum(denominator) as denominator,
        -- disclosure: the members whose figures feed the row, and which figures feed the numerator and
        -- the denominator (an org unit's row and its district's or region's row summing the same
        -- figures publish one count): the exclusive or of the figures' hashes, cell by cell or all at once
        list(distinct member order by member) as contributing_members,
        bit_xor(numerator_figures) as numerator_figures,
        bit_xor(denominator_figures) as denominator_figures
    from leaves
    group by
        indicator_code, unit, formula_type, factor, period_type, period, p_start, p_end, slice, sex, age_group,
        -- the organisation tree: network, member, country, region, district; and the reporting unit
        grouping sets (
            (), (member), (country_iso2), (member, country_iso2),
            (member, country_iso2, adm1), (member, country_iso2, adm1, adm2),
            (member, country_iso2, org_unit)
        )
),

formulas as (
    select
        * exclude (formula_type, factor, denominator, denominator_figures),
        case when formula_type = 'metric_ratio' then denominator end as denominator,
        case when formula_type = 'metric_ratio' then denominator_figures end as denominator_figures,
        case
            when formula_type = 'metric_sum' then factor * numerator
            -- a ratio over no denominator is undefined, not zero
            when denominator <> 0 then factor * numerator / denominator
        end as value
    from summed
)

select * from formulas

-- test: one row per indicator, period, place and disaggregation
select indicator_code, period_type, period, member, country_iso2, adm1, adm2, org_unit, sex, age_group, count(*)
from indicators.ind_metric_formulas
group by all
having count(*) > 1

-- test: the value is the factor times the sum, or times numerator over denominator, recomputed from the sums
select r.*
from indicators.ind_metric_formulas as r
inner join ref.indicator_catalogue as c on c.indicator_code = r.indicator_code
where (c.formula_type = 'metric_sum' and (r.denominator is not null or r.numerator is null or abs(r.value - cast(c.factor as double) * r.numerator) > 1e-9))
    or (r.numerator is null and r.value is not null)
    or (c.formula_type = 'metric_ratio' and r.denominator <> 0
        and abs(r.value - cast(c.factor as double) * r.numerator / r.denominator) > 1e-9)
    or (c.formula_type = 'metric_ratio' and r.denominator = 0 and r.value is not null)

-- test: the network numerator and denominator equal the sums over members
select t.indicator_code, t.period_type, t.period, t.numerator, t.denominator, m.numerators, m.denominators
from indicators.ind_metric_formulas as t
inner join (
    select indicator_code, period_type, period, sex, age_group,
        sum(numerator) as numerators, sum(denominator) as denominators
    from indicators.ind_metric_formulas
    where member is not null and country_iso2 is null and org_unit is null
    group by all
) as m
    on m.indicator_code = t.indicator_code and m.period_type = t.period_type and m.period = t.period
    and m.sex is not distinct from t.sex and m.age_group is not distinct from t.age_group
where t.member is null and t.country_iso2 is null and t.org_unit is null
    and (abs(coalesce(t.numerator, 0) - coalesce(m.numerators, 0)) > 1e-6 or abs(coalesce(t.denominator, 0) - coalesce(m.denominators, 0)) > 1e-6)

-- test: a region's numerator and denominator equal the sums over its districts
select r.indicator_code, r.period, r.member, r.country_iso2, r.adm1, r.numerator, r.denominator, d.numerators, d.denominators
from indicators.ind_metric_formulas as r
left join (
    select indicator_code, period_type, period, member, country_iso2, adm1, sex, age_group,
        sum(numerator) as numerators, sum(denominator) as denominators
    from indicators.ind_metric_formulas
    where adm2 is not null
    group by all
) as d
    on d.indicator_code = r.indicator_code and d.period_type = r.period_type and d.period = r.period
    and d.member = r.member and d.country_iso2 = r.country_iso2 and d.adm1 = r.adm1
    and d.sex is not distinct from r.sex and d.age_group is not distinct from r.age_group
where r.adm1 is not null and r.adm2 is null
    and (d.indicator_code is null or abs(coalesce(r.numerator, 0) - coalesce(d.numerators, 0)) > 1e-6 or abs(coalesce(r.denominator, 0) - coalesce(d.denominators, 0)) > 1e-6)

-- test: a country's numerator and denominator equal the sums over its regions
select c.indicator_code, c.period, c.member, c.country_iso2, c.numerator, c.denominator, r.numerators, r.denominators
from indicators.ind_metric_formulas as c
left join (
    select indicator_code, period_type, period, member, country_iso2, sex, age_group,
        sum(numerator) as numerators, sum(denominator) as denominators
    from indicators.ind_metric_formulas
    where adm1 is not null and adm2 is null
    group by all
) as r
    on r.indicator_code = c.indicator_code and r.period_type = c.period_type and r.period = c.period
    and r.member = c.member and r.country_iso2 = c.country_iso2
    and r.sex is not distinct from c.sex and r.age_group is not distinct from c.age_group
where c.member is not null and c.country_iso2 is not null and c.adm1 is null and c.org_unit is null
    and (r.indicator_code is null or abs(coalesce(c.numerator, 0) - coalesce(r.numerators, 0)) > 1e-6 or abs(coalesce(c.denominator, 0) - coalesce(r.denominators, 0)) > 1e-6)

-- test: a year equals the sum of its quarters where the source is monthly or quarterly
select y.indicator_code, y.period, y.numerator, q.quarters
from indicators.ind_metric_formulas as y
inner join (
    select indicator_code, year(period_start) as yr, member, country_iso2, adm1, adm2, org_unit, sex, age_group, sum(numerator) as quarters
    from indicators.ind_metric_formulas
    where period_type = 'quarter'
    group by all
) as q
    on q.indicator_code = y.indicator_code and q.yr = year(y.period_start)
    and q.member is not distinct from y.member and q.country_iso2 is not distinct from y.country_iso2
    and q.adm1 is not distinct from y.adm1 and q.adm2 is not distinct from y.adm2
    and q.org_unit is not distinct from y.org_unit and q.sex is not distinct from y.sex
    and q.age_group is not distinct from y.age_group
where y.period_type = 'year' and q.quarters > y.numerator + 1e-6
