-- grain: one row per ingest run x input file: what became of it and its row accounting
-- depends on: staging.stg_lake__load_report, intermediate.int_quarantine, intermediate.int_figures__mapped, intermediate.int_entity_notes
-- Rows held at build by a source test (an unknown country, an error-level validation rule) move
-- from loaded to rejected, so rows_read = rows_loaded + rows_rejected still holds. The figures of
-- a file's loaded rows are mapped to a common metric, ignored on purpose, or not mapped yet
-- (marts.unmapped_figures says which codes, with the line to add).
with report as (
    select * from staging.stg_lake__load_report
),

held as (
    select delivery_sha256, count(distinct source_line) as rows_held
    from intermediate.int_quarantine
    group by 1
),

figures as (
    select
        delivery_sha256,
        count(*) filter (where mapping_status = 'mapped') as figures_mapped,
        count(*) filter (where mapping_status = 'ignored') as figures_ignored,
        count(*) filter (where mapping_status = 'unmapped') as figures_unmapped,
        list(distinct org_name order by org_name) filter (where organisation_unmapped) as unknown_organisations
    from intermediate.int_figures__mapped
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
    coalesce(f.figures_mapped, 0) as figures_mapped,
    coalesce(f.figures_ignored, 0) as figures_ignored,
    coalesce(f.figures_unmapped, 0) as figures_unmapped,
    concat_ws('; ',
        nullif(r.warnings, ''),
        case when length(f.unknown_organisations) > 0 then
            'organisations not in schemas/mappings/organisations.csv: ' || array_to_string(f.unknown_organisations, ', ') end,
        case when f.figures_unmapped > 0 then
            f.figures_unmapped || ' figures not mapped yet: see the unmapped_figures mart' end,
        n.notes) as warnings,
    r.delivery_key
from report as r
left join held as h on h.delivery_sha256 = r.delivery_key
left join figures as f on f.delivery_sha256 = r.delivery_key
left join intermediate.int_entity_notes as n on n.delivery_sha256 = r.delivery_key

-- test: rows read = rows loaded + rows rejected, build-time holds included
select * from marts.load_report where rows_read <> rows_loaded + rows_rejected or rows_loaded < 0
