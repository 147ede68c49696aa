-- grain: one row per additive group (a total and its parts) x member cell, over the suppressible published cells
-- depends on: indicators.published_cells
-- materialized: view
-- The groups of secondary suppression: a total (role 0) and its parts (role 1) by sex, age group,
-- pathology, dimension, org unit, district, region, country, member, and months in their quarter,
-- quarters in their year. A view, so each pass of the update below sees the cells as they are now.
with links as (
        select c.cell_id, 'sex' || case when 'sex' = 'dimension' then ':' || c.dimension_name else '' end as relation, concat_ws('|', coalesce(c.indicator_code, '∅'), coalesce(c.period_type, '∅'), coalesce(c.period, '∅'), coalesce(c.member, '∅'), coalesce(c.country_iso2, '∅'), coalesce(c.adm1, '∅'), coalesce(c.adm2, '∅'), coalesce(c.org_unit, '∅'), '∅', coalesce(c.age_group, '∅'), coalesce(c.pathology, '∅'), coalesce(c.dimension_name, '∅'), coalesce(c.dimension_value, '∅')) as parent_key
        from indicators.published_cells as c where c.sex is not null
        union all
        select c.cell_id, 'age_group' || case when 'age_group' = 'dimension' then ':' || c.dimension_name else '' end as relation, concat_ws('|', coalesce(c.indicator_code, '∅'), coalesce(c.period_type, '∅'), coalesce(c.period, '∅'), coalesce(c.member, '∅'), coalesce(c.country_iso2, '∅'), coalesce(c.adm1, '∅'), coalesce(c.adm2, '∅'), coalesce(c.org_unit, '∅'), coalesce(c.sex, '∅'), '∅', coalesce(c.pathology, '∅'), coalesce(c.dimension_name, '∅'), coalesce(c.dimension_value, '∅')) as parent_key
        from indicators.published_cells as c where c.age_group is not null
        union all
        select c.cell_id, 'pathology' || case when 'pathology' = 'dimension' then ':' || c.dimension_name else '' end as relation, concat_ws('|', coalesce(c.indicator_code, '∅'), coalesce(c.period_type, '∅'), coalesce(c.period, '∅'), coalesce(c.member, '∅'), coalesce(c.country_iso2, '∅'), coalesce(c.adm1, '∅'), coalesce(c.adm2, '∅'), coalesce(c.org_unit, '∅'), coalesce(c.sex, '∅'), coalesce(c.age_group, '∅'), '∅', coalesce(c.dimension_name, '∅'), coalesce(c.dimension_value, '∅')) as parent_key
        from indicators.published_cells as c where c.pathology is not null
        union all
        select c.cell_id, 'dimension' || case when 'dimension' = 'dimension' then ':' || c.dimension_name else '' end as relation, concat_ws('|', coalesce(c.indicator_code, '∅'), coalesce(c.period_type, '∅'), coalesce(c.period, '∅'), coalesce(c.member, '∅'), coalesce(c.country_iso2, '∅'), coalesce(c.adm1, '∅'), coalesce(c.adm2, '∅'), coalesce(c.org_unit, '∅'), coalesce(c.sex, '∅'), coalesce(c.age_group, '∅'), coalesce(c.pathology, '∅'), '∅', '∅') as parent_key
        from indicators.published_cells as c where c.dimension_name is not null
        union all
        select c.cell_id, 'org_unit' || case when 'org_unit' = 'dimension' then ':' || c.dimension_name else '' end as relation, concat_ws('|', coalesce(c.indicator_code, '∅'), coalesce(c.period_type, '∅'), coalesce(c.period, '∅'), coalesce(c.member, '∅'), coalesce(c.country_iso2, '∅'), coalesce(c.adm1, '∅'), coalesce(c.adm2, '∅'), '∅', coalesce(c.sex, '∅'), coalesce(c.age_group, '∅'), coalesce(c.pathology, '∅'), coalesce(c.dimension_name, '∅'), coalesce(c.dimension_value, '∅')) as parent_key
        from indicators.published_cells as c where c.org_unit is not null
        union all
        select c.cell_id, 'adm2' || case when 'adm2' = 'dimension' then ':' || c.dimension_name else '' end as relation, concat_ws('|', coalesce(c.indicator_code, '∅'), coalesce(c.period_type, '∅'), coalesce(c.period, '∅'), coalesce(c.member, '∅'), coalesce(c.country_iso2, '∅'), coalesce(c.adm1, '∅'), '∅', coalesce(c.org_unit, '∅'), coalesce(c.sex, '∅'), coalesce(c.age_group, '∅'), coalesce(c.pathology, '∅'), coalesce(c.dimension_name, '∅'), coalesce(c.dimension_value, '∅')) as parent_key
        from indicators.published_cells as c where c.adm2 is not null
        union all
        select c.cell_id, 'adm1' || case when 'adm1' = 'dimension' then ':' || c.dimension_name else '' end as relation, concat_ws('|', coalesce(c.indicator_code, '∅'), coalesce(c.period_type, '∅'), coalesce(c.period, '∅'), coalesce(c.member, '∅'), coalesce(c.country_iso2, '∅'), '∅', coalesce(c.adm2, '∅'), coalesce(c.org_unit, '∅'), coalesce(c.sex, '∅'), coalesce(c.age_group, '∅'), coalesce(c.pathology, '∅'), coalesce(c.dimension_name, '∅'), coalesce(c.dimension_value, '∅')) as parent_key
        from indicators.published_cells as c where c.adm1 is not null
        union all
        select c.cell_id, 'country_iso2' || case when 'country_iso2' = 'dimension' then ':' || c.dimension_name else '' end as relation, concat_ws('|', coalesce(c.indicator_code, '∅'), coalesce(c.period_type, '∅'), coalesce(c.period, '∅'), coalesce(c.member, '∅'), '∅', coalesce(c.adm1, '∅'), coalesce(c.adm2, '∅'), coalesce(c.org_unit, '∅'), coalesce(c.sex, '∅'), coalesce(c.age_group, '∅'), coalesce(c.pathology, '∅'), coalesce(c.dimension_name, '∅'), coalesce(c.dimension_value, '∅')) as parent_key
        from indicators.published_cells as c where c.country_iso2 is not null
        union all
        select c.cell_id, 'member' || case when 'member' = 'dimension' then ':' || c.dimension_name else '' end as relation, concat_ws('|', coalesce(c.indicator_code, '∅'), coalesce(c.period_type, '∅'), coalesce(c.period, '∅'), '∅', coalesce(c.country_iso2, '∅'), coalesce(c.adm1, '∅'), coalesce(c.adm2, '∅'), coalesce(c.org_unit, '∅'), coalesce(c.sex, '∅'), coalesce(c.age_group, '∅'), coalesce(c.pathology, '∅'), coalesce(c.dimension_name, '∅'), coalesce(c.dimension_value, '∅')) as parent_key
        from indicators.published_cells as c where c.member is not null
        union all
        select c.cell_id, 'month_in_quarter' || case when 'month_in_quarter' = 'dimension' then ':' || c.dimension_name else '' end as relation, concat_ws('|', coalesce(c.indicator_code, '∅'), 'quarter', year(c.period_start) || 'Q' || quarter(c.period_start), coalesce(c.member, '∅'), coalesce(c.country_iso2, '∅'), coalesce(c.adm1, '∅'), coalesce(c.adm2, '∅'), coalesce(c.org_unit, '∅'), coalesce(c.sex, '∅'), coalesce(c.age_group, '∅'), coalesce(c.pathology, '∅'), coalesce(c.dimension_name, '∅'), coalesce(c.dimension_value, '∅')) as parent_key
        from indicators.published_cells as c where c.period_type = 'month'
        union all
        select c.cell_id, 'quarter_in_year' || case when 'quarter_in_year' = 'dimension' then ':' || c.dimension_name else '' end as relation, concat_ws('|', coalesce(c.indicator_code, '∅'), 'year', cast(year(c.period_start) as varchar), coalesce(c.member, '∅'), coalesce(c.country_iso2, '∅'), coalesce(c.adm1, '∅'), coalesce(c.adm2, '∅'), coalesce(c.org_unit, '∅'), coalesce(c.sex, '∅'), coalesce(c.age_group, '∅'), coalesce(c.pathology, '∅'), coalesce(c.dimension_name, '∅'), coalesce(c.dimension_value, '∅')) as parent_key
        from indicators.published_cells as c where c.period_type = 'quarter'
),

cell_keys as (
        select c.cell_id, c.numerator, concat_ws('|', coalesce(c.indicator_code, '∅'), coalesce(c.period_type, '∅'), coalesce(c.period, '∅'), coalesce(c.member, '∅'), coalesce(c.country_iso2, '∅'), coalesce(c.adm1, '∅'), coalesce(c.adm2, '∅'), coalesce(c.org_unit, '∅'), coalesce(c.sex, '∅'), coalesce(c.age_group, '∅'), coalesce(c.pathology, '∅'), coalesce(c.dimension_name, '∅'), coalesce(c.dimension_value, '∅')) as full_key, c.suppressed, c.value
    from indicators.published_cells as c
    where c.suppressible
),

groups as (
    select p.cell_id as parent_id, l.relation, p.cell_id, 0 as role, p.suppressed, p.value, p.numerator
    from links as l inner join cell_keys as p on p.full_key = l.parent_key
    union
    select p.cell_id as parent_id, l.relation, k.cell_id, 1 as role, k.suppressed, k.value, k.numerator
    from links as l
    inner join cell_keys as p on p.full_key = l.parent_key
    inner join cell_keys as k on k.cell_id = l.cell_id
),

additive as (
    -- only a group whose parts add up to its total can give a hidden cell back by subtraction
    select parent_id, relation
    from groups
    group by parent_id, relation
    having abs(coalesce(sum(numerator) filter (where role = 1), 0) - coalesce(max(numerator) filter (where role = 0), 0)) < 1e-6
)

select g.*
from groups as g
inner join additive as a on a.parent_id = g.parent_id and a.relation = g.relation

-- repeat until stable:
update indicators.published_cells set suppressed = true
where cell_id in (
    with exposed as (
        select parent_id, relation
        from indicators.suppression_groups
        group by parent_id, relation
        having count(*) filter (where suppressed) = 1
    )

    select arg_min(g.cell_id, (g.role = 0, coalesce(g.value, 0), g.cell_id)) as cell_id
    from indicators.suppression_groups as g
    inner join exposed as e on e.parent_id = g.parent_id and e.relation = g.relation
    where not g.suppressed
    group by g.parent_id, g.relation
)

-- test: no group whose parts add up to its total has exactly one hidden cell (none can be recomputed by subtraction)
select parent_id, relation, count(*) filter (where suppressed) as hidden
from indicators.suppression_groups
group by parent_id, relation
having count(*) filter (where suppressed) = 1
