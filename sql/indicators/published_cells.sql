-- grain: one row per indicator cell (indicators.indicator_value), with the keys of the counts it publishes
-- depends on: indicators.indicator_value, ref.indicator_catalogue
-- Disclosure control works on counts, not cells: the numerator and the denominator of a cell are
-- each a count, named by the catalogue's numerator_metric / denominator_metric (indicator_code
-- '.numerator' / '.denominator' where it names none) at the cell's period, place and disaggregation
-- (numerator_place_key, denominator_place_key: where the count sits in the additive groups). Two
-- cells publish one count (numerator_key, denominator_key) when they name the same count at the same
-- period, place and disaggregation (psychosocial_support_rate's denominator is patients_operated),
-- or when a model says they sum the same source figures (numerator_figures: a district reported as an
-- org unit is its district's row too). One count is hidden in every cell or in none
-- (indicators.disclosure_counts).
with indicator_values as (
    select * from indicators.indicator_value
),

catalogue as (
    select
        indicator_code,
        coalesce(suppress_small_cells, false) as suppressible,
        coalesce(numerator_metric, indicator_code || '.numerator') as numerator_count,
        coalesce(denominator_metric, indicator_code || '.denominator') as denominator_count
    from ref.indicator_catalogue
),

keyed as (
    select
        v.*,
        -- disclosure: what the cell's figures count, and whether they count people
        c.suppressible,
        c.numerator_count,
        c.denominator_count,
        concat_ws('|', v.period_type, v.period, coalesce(v.member, '∅'), coalesce(v.country_iso2, '∅'), coalesce(v.adm1, '∅'),
            coalesce(v.adm2, '∅'), coalesce(v.org_unit, '∅'), coalesce(v.sex, '∅'), coalesce(v.age_group, '∅'),
            coalesce(v.pathology, '∅'), coalesce(v.dimension_name, '∅'), coalesce(v.dimension_value, '∅')) as place_key
    from indicator_values as v
    inner join catalogue as c on c.indicator_code = v.indicator_code
),

published as (
    select
        * exclude (place_key),
        case when numerator is not null then numerator_count || '|' || place_key end as numerator_place_key,
        case when denominator is not null then denominator_count || '|' || place_key end as denominator_place_key,
        case when numerator is not null then numerator_count || '|' || coalesce(
            period_type || '|' || period || '|figures|' || numerator_figures, place_key) end as numerator_key,
        case when denominator is not null then denominator_count || '|' || coalesce(
            period_type || '|' || period || '|figures|' || denominator_figures, place_key) end as denominator_key
    from keyed
)

select * from published

-- test: one row per indicator, period, place and disaggregation (the indicator models' union gives each cell once)
select indicator_code, period_type, period, member, country_iso2, adm1, adm2, org_unit, sex, age_group, pathology,
    dimension_name, dimension_value, count(*)
from indicators.published_cells
group by all
having count(*) > 1

-- test: a count published by several cells has one value and one set of contributing members
select count_key, min(figure), max(figure), min(members_contributing), max(members_contributing)
from (
    select numerator_key as count_key, numerator as figure, members_contributing from indicators.published_cells where numerator_key is not null
    union all
    select denominator_key, denominator, members_contributing from indicators.published_cells where denominator_key is not null
)
group by 1
having count(*) > 1 and (max(figure) - min(figure) > 1e-9 * greatest(1, abs(max(figure))) or min(members_contributing) <> max(members_contributing))

-- test: a place of a count is one count
select place_key from (
    select numerator_place_key as place_key, numerator_key as count_key from indicators.published_cells where numerator_key is not null
    union
    select denominator_place_key, denominator_key from indicators.published_cells where denominator_key is not null
)
group by 1 having count(distinct count_key) > 1
