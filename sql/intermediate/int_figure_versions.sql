-- grain: one row per mapped figure of the lake, with whether it counts and why not
-- depends on: intermediate.int_figures__mapped, intermediate.int_held_rows, intermediate.int_figure_deliveries, intermediate.int_figure_repeats, ref.table_kinds
-- incremental: delivery_sha256, measure from intermediate.int_figures__mapped, intermediate.int_held_rows, intermediate.int_figure_deliveries, intermediate.int_figure_repeats
-- A figure does not count when its source row is held by a source test (intermediate.int_held_rows),
-- when a later delivery reports the same figure (same family, place, period, metric and breakdown:
-- members re-send corrected reports, sometimes under a new file name, and DHIS2 re-exports replace
-- earlier values; "later" is the later run, within one run the file whose name sorts last), or when
-- a later row of the same file gives it again in a table whose repeats are corrections
-- (ref.table_kinds: a monthly report giving April twice, a DHIS2 value given twice; the later row
-- wins, as DHIS2's import decides). In tables whose rows add up (trainings, 3W activities), every
-- row of the delivery that counts counts.
with figures as (
    select f.*, k.repeated_figure
    from intermediate.int_figures__mapped as f
    inner join ref.table_kinds as k on k.table_kind = f.table_kind
    where f.mapping_status = 'mapped'
),

held_rows as (
    select delivery_sha256, source_sheet, source_line, source_tests from intermediate.int_held_rows where source_column is null
),

held_figures as (
    select delivery_sha256, source_sheet, source_line, source_column, source_tests
    from intermediate.int_held_rows
    where source_column is not null
),

checked as (
    select
        f.*,
        coalesce(h.source_tests, c.source_tests) as source_tests,
        h.source_tests is not null as row_held
    from figures as f
    left join held_rows as h
        on h.delivery_sha256 = f.delivery_sha256 and h.source_line = f.source_line
        and h.source_sheet is not distinct from f.source_sheet
    left join held_figures as c
        on c.delivery_sha256 = f.delivery_sha256 and c.source_line = f.source_line and c.source_column = f.source_column
        and c.source_sheet is not distinct from f.source_sheet
),

ranked as (
    select * from intermediate.int_figure_deliveries
),

-- a figure only one delivery gives has no ranking: it is version 1 (a held row has no version)
delivered as (
    select
        c.* exclude (row_held),
        case when not c.row_held then coalesce(r.version, 1) end as version
    from checked as c
    left join ranked as r
        on r.source_family = c.source_family
        and r.member is not distinct from c.member
        and r.org_unit is not distinct from c.org_unit
        and r.adm1 is not distinct from c.adm1
        and r.adm2 is not distinct from c.adm2
        and r.sector is not distinct from c.sector
        and r.population_group is not distinct from c.population_group
        and r.period_type is not distinct from c.period_type
        and r.period is not distinct from c.period
        and r.metric_code = c.metric_code
        and r.sex is not distinct from c.sex
        and r.age_group is not distinct from c.age_group
        and r.breakdown is not distinct from c.breakdown
        and r.attribute_option is not distinct from c.attribute_option
        and r.run_id = c.run_id
        and r.source_file = c.source_file
),

-- within the delivery that counts, the last row of a figure given twice in its file counts, where
-- repeats are corrections (intermediate.int_figure_repeats, in the source's own words)
in_file as (
    select
        d.*,
        case
            when d.repeated_figure = 'later_wins' and d.version = 1 and d.source_tests is null and r.last_row is not null
                and r.last_row <> {'line': d.source_line, 'column': d.source_column, 'sheet': coalesce(d.source_sheet, '')}
                then 2
            else 1
        end as order_in_file,
        case when d.repeated_figure = 'later_wins' and d.version = 1 and d.source_tests is null then r.last_row.line end
            as last_line_in_file
    from delivered as d
    left join intermediate.int_figure_repeats as r
        on r.delivery_sha256 = d.delivery_sha256 and r.measure_scheme = d.measure_scheme and r.measure = d.measure
        and r.org_code is not distinct from d.org_code and r.org_name is not distinct from d.org_name
        and r.country is not distinct from d.country and r.adm1 is not distinct from d.adm1
        and r.adm2 is not distinct from d.adm2 and r.sector_raw is not distinct from d.sector_raw
        and r.period_type is not distinct from d.period_type and r.period is not distinct from d.period
        and r.breakdown is not distinct from d.breakdown and r.attribute_option is not distinct from d.attribute_option
    -- (the table kind is tested in the case above, not in the join: a condition on the figures alone there made
    -- DuckDB compare every figure with every repeated one, for minutes at 10M rows)
),

-- Every figure is written here once more: only what the models after it read is kept, with the
-- delivery, sheet, line and column that find the figure in the source and the measure an update by
-- code reads. What says how a figure is not mapped means nothing for a mapped one; the source's
-- organisation, country, labels and raw period, and the other mapping lines, stay in
-- intermediate.int_figures__mapped (a view: join it on the delivery, sheet, line and column). Each
-- text column of every figure costs time to write.
versions as (
    select
        * exclude (order_in_file, last_line_in_file, repeated_figure, mapping_status, unmapped_kind, unmapped_code,
            unmapped_options, period_raw, measure_label, breakdown_label, source_updated, source_completed,
            place_mapping_line, breakdown_mapping_lines, country_unknown, organisation_unmapped, org_code, org_name, country,
            sector_raw, mapped_sector),
        source_tests is null and version = 1 and order_in_file = 1 as counts,
        case
            when source_tests is not null then 'held in quarantine: ' || source_tests
            when version > 1 then 'replaced by a later delivery'
            when order_in_file > 1 then 'given again further down the file (line ' || last_line_in_file || '), which counts'
        end as left_out_because
    from in_file
)

select * from versions

-- test by delivery: a left-out figure says why
select * from intermediate.int_figure_versions where not counts and left_out_because is null

-- test: at most one delivery counts for each figure
select source_family, member, org_unit, adm1, adm2, sector, population_group, period, metric_code, sex, age_group, breakdown,
    attribute_option, count(distinct delivery_sha256)
from intermediate.int_figure_versions
where counts
group by all
having count(distinct delivery_sha256) > 1

-- test by delivery: one version row per mapped figure (every one has a row: the body only left-joins
-- to the mapped figures; a duplicated lookup row would give a figure twice)
select * from figure_keys_given_twice('intermediate.int_figure_versions')
