-- grain: one row per indicator x period x place x disaggregation; null place or disaggregation = all
-- (dimension_name/dimension_value: one more disaggregation that has no column of its own: status, category, partner, partnership_type, theme...)
-- depends on: indicators.indicator_value, ref.indicator_catalogue, ref.settings
with indicator_values as (
    select * from indicators.indicator_value
),

catalogue as (
    select indicator_code, name_en, name_fr, suppress_small_cells from ref.indicator_catalogue
),

threshold as (
    select cast(value as double) as small_cell_threshold from ref.settings where setting = 'small_cell_threshold'
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
        -- figures, small people counts hidden (primary suppression)
        case when s.suppressed then null else v.numerator end as numerator,
        case when s.suppressed then null else v.denominator end as denominator,
        case when s.suppressed then null else v.value end as value,
        v.unit,
        cast(null as double) as target,
        cast(null as double) as achievement_rate,
        s.suppressed
    from indicator_values as v
    inner join catalogue as c on c.indicator_code = v.indicator_code
    cross join threshold as t
    cross join lateral (
        select coalesce(c.suppress_small_cells and v.numerator > 0 and v.numerator < t.small_cell_threshold, false) as suppressed
    ) as s
)

select * from published

-- test: a suppressed cell publishes no figure
select * from marts.indicator_values where suppressed and (value is not null or numerator is not null)
