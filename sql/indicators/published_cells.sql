-- grain: one row per indicator cell as published, with its primary and secondary small-cell suppression
-- depends on: indicators.indicator_value, ref.indicator_catalogue, ref.settings
-- Primary suppression: a people count below settings.small_cell_threshold (indicators whose catalogue
-- line says suppress_small_cells). Secondary suppression: a published total and its published parts
-- would give a hidden cell back by subtraction, so in every additive group (a total and its parts by
-- sex, age group, pathology, dimension, org unit, district, region, country, member, and months in
-- their quarter, quarters in their year) there is never exactly one hidden cell: the smallest
-- visible part is hidden too (the total when no part is left), until nothing changes. Only groups
-- whose parts add up to their total can give a cell back, so only those are checked: a total
-- with women reported but not men does not reveal the women.
with indicator_values as (
    select * from indicators.indicator_value
),

catalogue as (
    select indicator_code, suppress_small_cells from ref.indicator_catalogue
),

threshold as (
    select cast(value as double) as small_cell_threshold from ref.settings where setting = 'small_cell_threshold'
),

cells as (
    select
        -- ids
        row_number() over (order by v.indicator_code, v.period_type, v.period, v.member, v.country_iso2, v.adm1, v.adm2,
            v.org_unit, v.sex, v.age_group, v.pathology, v.dimension_name, v.dimension_value) as cell_id,
        v.*,
        -- suppression
        coalesce(c.suppress_small_cells, false) as suppressible,
        coalesce(c.suppress_small_cells and v.numerator > 0 and v.numerator < t.small_cell_threshold, false) as primary_suppressed
    from indicator_values as v
    left join catalogue as c on c.indicator_code = v.indicator_code
    cross join threshold as t
)

select *, primary_suppressed as suppressed from cells

-- test: cell_id is unique
select cell_id from indicators.published_cells group by 1 having count(*) > 1
