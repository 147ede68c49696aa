-- grain: one row per figure given more than once in its file where repeats are corrections (in the source's own words: delivery, place, period, measure and breakdown as written), with the last row that gives it
-- depends on: intermediate.int_figures__mapped, intermediate.int_held_rows, ref.table_kinds, staging.stg_lake__figures
-- incremental: delivery_sha256, measure from intermediate.int_figures__mapped, intermediate.int_held_rows, staging.stg_lake__figures
-- In a table whose repeats are corrections (ref.table_kinds: a monthly report giving April twice, a
-- DHIS2 value given twice), the last row that gives a figure counts, as DHIS2's import decides: the
-- same figure in the source's own words, so two measures the crosswalk maps to one metric (two
-- DHIS2 data elements) both count. A row held in quarantine takes no part. Two aggregates and no
-- sort: a hash of the delivery and the figure's words finds the figures given more than once (one
-- 64-bit key per figure; a collision only costs the second aggregate a group), then their words
-- are grouped exactly, keeping the last line, column and sheet. The table has one row per figure
-- given again, not per row: intermediate.int_figure_versions joins tens of millions of figures to a
-- table the database knows is small (a window ranking every figure in its file spilled 45 GB of
-- temporary disk at 10M rows, where the bench's reports give each figure many times).
with held as (
    select delivery_sha256, source_sheet, source_line, source_column
    from intermediate.int_held_rows
),

candidates as not materialized (
    select
        f.delivery_sha256, f.source_sheet, f.source_line, f.source_column,
        f.org_code, f.org_name, f.country, f.adm1, f.adm2, f.sector_raw, f.period_type, f.period, f.measure_scheme, f.measure,
        f.breakdown, f.attribute_option,
        hash(f.delivery_sha256, f.org_code, f.org_name, f.country, f.adm1, f.adm2, f.sector_raw, f.period_type, f.period,
            f.measure_scheme, f.measure, f.breakdown, f.attribute_option) as words_hash
    from intermediate.int_figures__mapped as f
    inner join ref.table_kinds as k on k.table_kind = f.table_kind
    -- a row held whole, or this figure of it
    anti join held as h
        on h.delivery_sha256 = f.delivery_sha256 and h.source_line = f.source_line
        and h.source_sheet is not distinct from f.source_sheet
        and (h.source_column is null or h.source_column = f.source_column)
    where f.mapping_status = 'mapped' and k.repeated_figure = 'later_wins'
),

given_twice as (
    select words_hash
    from candidates
    group by all
    having count(*) > 1
)

select
    c.delivery_sha256, c.org_code, c.org_name, c.country, c.adm1, c.adm2, c.sector_raw, c.period_type, c.period,
    c.measure_scheme, c.measure, c.breakdown, c.attribute_option,
    count(*) as rows_giving_it,
    -- the last row: the later line, then the later column, then the sheet whose name sorts last
    max({'line': c.source_line, 'column': c.source_column, 'sheet': coalesce(c.source_sheet, '')}) as last_row
from candidates as c
semi join given_twice as g on g.words_hash = c.words_hash
group by all
having count(*) > 1

-- test by delivery: one row per figure in the source's words
select delivery_sha256, org_code, org_name, country, adm1, adm2, sector_raw, period_type, period, measure_scheme, measure,
    breakdown, attribute_option, count(*)
from intermediate.int_figure_repeats
group by all
having count(*) > 1

-- test by delivery: the last row of a figure given again is a row of its delivery that gives it (read
-- from the staging table, whose figures the mapped figures' view gives one for one: filtered by the
-- repeats' deliveries there, not after the view's join over the whole lake)
select r.*
from intermediate.int_figure_repeats as r
anti join staging.stg_lake__figures as f
    on f.delivery_sha256 = r.delivery_sha256 and f.source_line = r.last_row.line
    and f.source_column is not distinct from r.last_row.column and coalesce(f.source_sheet, '') = r.last_row.sheet
    and f.measure_scheme = r.measure_scheme and f.measure = r.measure and f.period is not distinct from r.period
