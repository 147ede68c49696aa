-- grain: one row per ingest run x input file: what became of it and its row accounting
-- depends on: staging.stg_lake__load_report, core.fct_rejected_rows, intermediate.int_quarantine, intermediate.int_delivery_figures, intermediate.int_unmapped_code_deliveries, intermediate.int_entity_notes, core.fct_funding_activities
-- materialized: view
-- Rows held at build by a source test (an unknown country, an error-level validation rule) move
-- from loaded to rejected, so rows_read = rows_loaded + rows_rejected still holds. A row loads when
-- any of its figures does: cells_rejected counts the figures of loaded rows rejected at read
-- (not a number) or held at build (a fraction of a person). The figures of
-- a file's loaded rows are mapped to a common metric, ignored on purpose, or not mapped yet
-- (marts.unmapped_figures says which codes, with the line to add).
with report as (
    select * from staging.stg_lake__load_report
),

held as (
    select
        delivery_sha256,
        count(distinct (source_sheet, source_line)) filter (where source_column is null) as rows_held,
        count(*) filter (where source_column is not null) as figures_held
    from intermediate.int_quarantine
    group by 1
),

activities_replaced as (
    -- IATI: one activity per iati-identifier per publisher; a file whose version another file replaces says
    -- which (repeats within one file are noted by the reader)
    select
        delivery_sha256,
        count(*) filter (where replaced_by_source_file <> source_file) as by_other,
        min(iati_identifier) filter (where replaced_by_source_file <> source_file) as example,
        string_agg(distinct replaced_by_source_file, ', ' order by replaced_by_source_file)
            filter (where replaced_by_source_file <> source_file) as other_files
    from core.fct_funding_activities
    where not counts
    group by 1
),

cells as (
    select delivery_sha256, count(*) as cells_rejected
    from core.fct_rejected_rows
    where rejected_at = 'read' and source_column is not null
    group by 1
),

figures as (
    select * from intermediate.int_delivery_figures
),

organisations as (
    -- the organisations of the delivery not in schemas/mappings/organisations.csv (marts.unmapped_figures lists them too)
    select delivery_sha256, list(distinct source_code order by source_code) as unknown_organisations
    from intermediate.int_unmapped_code_deliveries
    where code_kind = 'organisation'
    group by 1
)

select
    r.run_id,
    r.run_at,
    r.source_family,
    r.source_file,
    r.file_sha256,
    r.size_bytes,
    r.file_kind,
    r.encoding,
    r.status,
    r.rows_read,
    r.rows_loaded - coalesce(h.rows_held, 0) as rows_loaded,
    r.rows_rejected + coalesce(h.rows_held, 0) as rows_rejected,
    coalesce(h.rows_held, 0) as rows_rejected_by_rules,
    coalesce(c.cells_rejected, 0) + coalesce(h.figures_held, 0) as cells_rejected,
    coalesce(f.figures_mapped, 0) as figures_mapped,
    coalesce(f.figures_ignored, 0) as figures_ignored,
    coalesce(f.figures_unmapped, 0) as figures_unmapped,
    concat_ws('; ',
        nullif(r.warnings, ''),
        case when length(o.unknown_organisations) > 0 then
            'organisations not in schemas/mappings/organisations.csv: ' || array_to_string(o.unknown_organisations, ', ') end,
        case when length(f.unlisted_dhis2_trees) > 0 then
            'org unit tree root ' || array_to_string(f.unlisted_dhis2_trees, ', ') || ' is not mapped to a network member:'
                || ' its figures load with member unknown; add a line to schemas/mappings/dhis2_members.csv if it reports for one'
            end,
        case when f.figures_replaced > 0 then
            f.figures_replaced || ' figures given again further down the file: the later row counts (e.g. line '
                || f.first_line || ' replaced by line ' || f.by_line || ')' end,
        case when a.by_other > 0 then
            a.by_other || ' IATI activities replaced by their version in ' || a.other_files
                || ' (latest last-updated-datetime, else the later delivery), e.g. ' || a.example end,
        case when f.figures_unmapped > 0 then
            f.figures_unmapped || ' figures not mapped yet: see the unmapped_figures mart' end,
        n.notes) as warnings,
    r.delivery_key
from report as r
left join held as h on h.delivery_sha256 = r.delivery_key
left join figures as f on f.delivery_sha256 = r.delivery_key
left join cells as c on c.delivery_sha256 = r.delivery_key
left join organisations as o on o.delivery_sha256 = r.delivery_key
left join activities_replaced as a on a.delivery_sha256 = r.delivery_key
left join intermediate.int_entity_notes as n on n.delivery_sha256 = r.delivery_key

-- test: one row per run and input file, and rows read = rows loaded + rows rejected, build-time holds included
select run_id, source_file, delivery_key
from core.fct_load_report
group by all
having count(*) > 1 or bool_or(rows_read <> rows_loaded + rows_rejected or rows_loaded < 0)

-- test: the rows held at build are those of the quarantine
select r.delivery_key, sum(r.rows_rejected_by_rules) as held, any_value(q.rows_held) as quarantined
from core.fct_load_report as r
inner join (
    select delivery_sha256, count(distinct (source_sheet, source_line)) filter (where source_column is null) as rows_held
    from intermediate.int_quarantine group by 1
) as q on q.delivery_sha256 = r.delivery_key
group by 1
having sum(r.rows_rejected_by_rules) < any_value(q.rows_held)
