-- grain: one row per indicator x period x place x disaggregation; null place or disaggregation = all
-- (dimension_name/dimension_value: one more disaggregation that has no column of its own: status, category, partner, partnership_type, theme...)
-- depends on: indicators.published_cells, ref.indicator_catalogue
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
        cast(null as double) as target,
        cast(null as double) as achievement_rate,
        v.suppressed
    from indicator_values as v
    inner join catalogue as c on c.indicator_code = v.indicator_code
)

select * from published

-- test: a suppressed cell publishes no figure
select * from marts.indicator_values where suppressed and (value is not null or numerator is not null)
