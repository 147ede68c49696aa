-- grain: one row per ingest run x input file: what became of it and its row accounting
-- depends on: staging.stg_lake__load_report, core.validation_results
-- Rows that break an error-level validation rule at build move from loaded to rejected, so
-- rows_read = rows_loaded + rows_rejected still holds.
with report as (
    select * from staging.stg_lake__load_report
),

rule_rejections as (
    select delivery_sha256, count(distinct source_line) as rows_rejected_by_rules
    from core.validation_results
    where severity = 'error'
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
    r.rows_loaded - coalesce(v.rows_rejected_by_rules, 0) as rows_loaded,
    r.rows_rejected + coalesce(v.rows_rejected_by_rules, 0) as rows_rejected,
    coalesce(v.rows_rejected_by_rules, 0) as rows_rejected_by_rules,
    r.warnings,
    r.delivery_key
from report as r
left join rule_rejections as v on v.delivery_sha256 = r.delivery_key

-- test: rows read = rows loaded + rows rejected, validation included
select * from marts.load_report where rows_read <> rows_loaded + rows_rejected or rows_loaded < 0
