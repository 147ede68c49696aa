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

-- repeat until stable:
update indicators.published_cells set suppressed = true
where cell_id in (
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
        -- each group: a total (role 0) and its parts (role 1)
        select p.cell_id as parent_id, l.relation, p.cell_id, 0 as role, p.suppressed, p.value, p.numerator
        from links as l inner join cell_keys as p on p.full_key = l.parent_key
        union
        select p.cell_id as parent_id, l.relation, k.cell_id, 1 as role, k.suppressed, k.value, k.numerator
        from links as l
        inner join cell_keys as p on p.full_key = l.parent_key
        inner join cell_keys as k on k.cell_id = l.cell_id
    ),

    exposed as (
        select parent_id, relation
        from groups
        group by parent_id, relation
        having count(*) filter (where suppressed) = 1
            and abs(coalesce(sum(numerator) filter (where role = 1), 0) - coalesce(max(numerator) filter (where role = 0), 0)) < 1e-6
    )

    select arg_min(g.cell_id, (g.role = 0, coalesce(g.value, 0), g.cell_id)) as cell_id
    from groups as g
    inner join exposed as e on e.parent_id = g.parent_id and e.relation = g.relation
    where not g.suppressed
    group by g.parent_id, g.relation
)

-- test: no group whose parts add up to its total has exactly one hidden cell (none can be recomputed by subtraction)
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
    select c.cell_id, c.numerator, concat_ws('|', coalesce(c.indicator_code, '∅'), coalesce(c.period_type, '∅'), coalesce(c.period, '∅'), coalesce(c.member, '∅'), coalesce(c.country_iso2, '∅'), coalesce(c.adm1, '∅'), coalesce(c.adm2, '∅'), coalesce(c.org_unit, '∅'), coalesce(c.sex, '∅'), coalesce(c.age_group, '∅'), coalesce(c.pathology, '∅'), coalesce(c.dimension_name, '∅'), coalesce(c.dimension_value, '∅')) as full_key, c.suppressed
    from indicators.published_cells as c
    where c.suppressible
),

groups as (
    select p.cell_id as parent_id, l.relation, p.cell_id, 0 as role, p.suppressed, p.numerator
    from links as l inner join cell_keys as p on p.full_key = l.parent_key
    union
    select p.cell_id as parent_id, l.relation, k.cell_id, 1 as role, k.suppressed, k.numerator
    from links as l
    inner join cell_keys as p on p.full_key = l.parent_key
    inner join cell_keys as k on k.cell_id = l.cell_id
)

select parent_id, relation, count(*) filter (where suppressed) as hidden
from groups
group by parent_id, relation
having count(*) filter (where suppressed) = 1
    and abs(coalesce(sum(numerator) filter (where role = 1), 0) - coalesce(max(numerator) filter (where role = 0), 0)) < 1e-6

-- test: cell_id is unique
select cell_id from indicators.published_cells group by 1 having count(*) > 1
