-- grain: one row per indicator x period x place x disaggregation; null place or disaggregation = all
-- (dimension_name/dimension_value: one more disaggregation that has no column of its own: status, category, partner, partnership_type, theme...)
-- depends on: indicators.published_cells, indicators.suppression_groups, ref.indicator_catalogue, core.fct_targets, indicators.indicator_value
-- target: the yearly target of the indicator for the row's place (network, member, country or member in
-- country, with no finer place or disaggregation); achievement_rate = 100 x value / target; target_gap =
-- target - value.
with indicator_values as (
    select * from indicators.published_cells
),

catalogue as (
    select indicator_code, name_en, name_fr, suppress_small_cells from ref.indicator_catalogue
),

published as (
    select
        -- indicator
        v.indicator_code,
        c.name_en,
        c.name_fr,
        -- period
        v.period_type,
        v.period,
        v.period_start,
        v.period_end,
        -- place
        v.member,
        v.country_iso2,
        v.adm1,
        v.adm2,
        v.org_unit,
        -- disaggregation
        v.sex,
        v.age_group,
        v.pathology,
        v.dimension_name,
        v.dimension_value,
        -- figures, small people counts hidden (primary and secondary suppression)
        case when v.suppressed then null else v.numerator end as numerator,
        case when v.suppressed then null else v.denominator end as denominator,
        case when v.suppressed then null else v.value end as value,
        v.unit,
        t.target,
        case when not v.suppressed and t.target <> 0 then round(100.0 * v.value / t.target, 1) end as achievement_rate,
        case when not v.suppressed then t.target - v.value end as target_gap,
        v.suppressed
    from indicator_values as v
    inner join catalogue as c on c.indicator_code = v.indicator_code
    left join core.fct_targets as t
        on t.indicator_code = v.indicator_code
        and v.period_type = 'year' and t.year = try_cast(v.period as integer)
        and t.member is not distinct from v.member
        and t.country_iso2 is not distinct from v.country_iso2
        and v.adm1 is null and v.adm2 is null and v.org_unit is null
        and v.sex is null and v.age_group is null and v.pathology is null and v.dimension_name is null
)

select * from published

-- test: every target meets its indicator row when the indicator has a value for that year and place
select t.* from core.fct_targets as t
where exists (select 1 from indicators.indicator_value as v where v.indicator_code = t.indicator_code and v.period_type = 'year'
        and v.period = cast(t.year as varchar) and v.member is not distinct from t.member
        and v.country_iso2 is not distinct from t.country_iso2 and v.adm1 is null and v.org_unit is null and v.sex is null
        and v.age_group is null and v.pathology is null and v.dimension_name is null)
    and not exists (select 1 from marts.indicator_values as m where m.indicator_code = t.indicator_code and m.period = cast(t.year as varchar)
        and m.target = t.target and m.member is not distinct from t.member and m.country_iso2 is not distinct from t.country_iso2)

-- test: a suppressed cell publishes no figure
select * from marts.indicator_values where suppressed and (value is not null or numerator is not null)
