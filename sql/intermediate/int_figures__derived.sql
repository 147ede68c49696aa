-- grain: one row per total derived from the figures that count: DHIS2 totals from their option-combo cells, table totals from women + men
-- depends on: intermediate.int_figure_versions, ref.table_kinds, staging.stg_lake__rejected_rows, intermediate.int_held_rows
-- DHIS2 stores a disaggregated data element only by its cells (female x 0-4, ...), never its
-- totals; a table may give women and men and no total. The totals are derived here, at build time,
-- from the current version of each part (a DHIS2 re-export correcting one cell changes its totals
-- by exactly the correction), and never where the source gives the total itself:
-- - DHIS2: every cell of an element at an org unit, period and attribute combo adds to the overall
--   total, to its sex's total and to its age group's total, and complete cells of one sex and age
--   group to that cell (a combo with a third category, say new / follow-up, sums over it); a cell
--   whose options are not all mapped adds to the totals of what is mapped of it only.
-- - tables: women + men, when both are given and the total is not (nor rejected: a row with an
--   unreadable cell derives nothing); per row where rows add up
--   (each is an activity), per figure where repeats are corrections (the parts may come from two
--   deliveries). Provenance is the first cell's (the smallest line of the first delivery).
with counted as (
    select
        v.*,
        k.repeated_figure,
        -- the figure's key, to find the first part again
        {'delivery_sha256': v.delivery_sha256, 'source_sheet': v.source_sheet, 'source_line': v.source_line,
            'source_column': v.source_column} as first_part
    from intermediate.int_figure_versions as v
    inner join ref.table_kinds as k on k.table_kind = v.table_kind
    where v.counts
),

dhis2_cells as (
    select * from counted where measure_scheme = 'dhis2' and breakdown is not null
),

dhis2_cell_sets as (
    select *, sex as set_sex, age_group as set_age, 'cell' as grouping_set from dhis2_cells
    where breakdown_complete and sex is not null and age_group is not null
    union all
    select *, sex, cast(null as varchar), 'sex' from dhis2_cells where sex is not null
    union all
    select *, cast(null as varchar), age_group, 'age_group' from dhis2_cells where age_group is not null
    union all
    select *, cast(null as varchar), cast(null as varchar), 'total' from dhis2_cells
),

dhis2_totals as (
    select
        source_family, member, org_unit, country_iso2, adm1, adm2, sector, population_group,
        period_type, period, period_start, period_end, metric_code, attribute_option,
        set_sex as sex,
        set_age as age_group,
        sum(value) as value,
        count(*) as parts,
        min(measure_mapping_line) as mapping_line,
        -- a group of one cell that is that cell is the cell itself, not a derived figure
        not (count(*) = 1 and (grouping_set = 'cell'
            or (grouping_set = 'sex' and bool_and(age_group is null))
            or (grouping_set = 'age_group' and bool_and(sex is null)))) as derived,
        arg_min(first_part, run_id || ':' || lpad(cast(source_line as varchar), 12, '0')) as first_part
    from dhis2_cell_sets
    group by
        source_family, member, org_unit, country_iso2, adm1, adm2, sector, population_group,
        period_type, period, period_start, period_end, metric_code, attribute_option, set_sex, set_age, grouping_set
),

dhis2_explicit as (
    -- the figures DHIS2 gives without a disaggregation: their totals are not derived
    select distinct source_family, member, org_unit, adm1, adm2, period, metric_code, attribute_option, sex, age_group
    from counted
    where measure_scheme = 'dhis2' and breakdown is null
),

dhis2_derived as (
    select t.*
    from dhis2_totals as t
    anti join dhis2_explicit as e
        on e.source_family = t.source_family and e.member is not distinct from t.member
        and e.org_unit is not distinct from t.org_unit and e.adm1 is not distinct from t.adm1
        and e.adm2 is not distinct from t.adm2 and e.period is not distinct from t.period and e.metric_code = t.metric_code
        and e.attribute_option is not distinct from t.attribute_option and e.sex is not distinct from t.sex
        and e.age_group is not distinct from t.age_group
),

-- tables: women + men where no total is given (and none was given unreadable: a row with a rejected
-- or held cell derives nothing)
rows_with_bad_cells as (
    select delivery_sha256, source_sheet, source_line from staging.stg_lake__rejected_rows where source_column is not null
    union
    select delivery_sha256, source_sheet, source_line from intermediate.int_held_rows where source_column is not null
),

table_parts as (
    select
        c.*,
        case when c.repeated_figure = 'adds_up' then c.delivery_sha256 || ':' || coalesce(c.source_sheet || ':', '') || c.source_line end
            as row_key
    from counted as c
    anti join rows_with_bad_cells as b
        on b.delivery_sha256 = c.delivery_sha256 and b.source_line = c.source_line
        and b.source_sheet is not distinct from c.source_sheet
    where c.measure_scheme <> 'dhis2' and c.age_group is null
),

table_totals as (
    select
        source_family, member, org_unit, country_iso2, adm1, adm2, sector, population_group,
        period_type, period, period_start, period_end, metric_code, cast(null as varchar) as attribute_option,
        cast(null as varchar) as sex,
        cast(null as varchar) as age_group,
        sum(value) filter (where sex in ('female', 'male')) as value,
        count(*) filter (where sex in ('female', 'male')) as parts,
        min(measure_mapping_line) filter (where sex in ('female', 'male')) as mapping_line,
        true as derived,
        arg_min(first_part, run_id || ':' || lpad(cast(source_line as varchar), 12, '0')) filter (where sex = 'female')
            as first_part,
        row_key
    from table_parts
    group by
        source_family, member, org_unit, country_iso2, adm1, adm2, sector, population_group,
        period_type, period, period_start, period_end, metric_code, row_key
    having count(*) filter (where sex = 'female') > 0
        and count(*) filter (where sex = 'male') > 0
        and count(*) filter (where sex is null) = 0
),

derived as (
    select * from dhis2_derived
    union all by name
    select * exclude (row_key) from table_totals
),

with_provenance as (
    select
        -- ids
        figure_key(d.first_part.delivery_sha256, d.first_part.source_sheet, d.first_part.source_line, d.first_part.source_column)
            || ':' || coalesce(d.sex, '*') || ':' || coalesce(d.age_group, '*') as observation_id,
        v.delivery_sha256,
        v.run_id,
        -- provenance: the first part's
        d.source_family,
        v.source_file,
        v.source_line,
        -- place
        d.member, d.org_unit, d.country_iso2, d.adm1, d.adm2, d.sector, d.population_group,
        -- period
        d.period_type, d.period, d.period_start, d.period_end,
        -- figure
        d.metric_code, d.sex, d.age_group, d.value, d.derived, d.parts, d.mapping_line
    from derived as d
    inner join intermediate.int_figure_versions as v
        on v.delivery_sha256 = d.first_part.delivery_sha256 and v.source_sheet is not distinct from d.first_part.source_sheet
        and v.source_line = d.first_part.source_line and v.source_column = d.first_part.source_column
)

select * from with_provenance

-- test: observation_id is unique
select observation_id from intermediate.int_figures__derived group by 1 having count(*) > 1
