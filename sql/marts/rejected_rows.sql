-- grain: one row per rejected input row, with the file, the line and the reason (read errors and validation errors)
-- depends on: staging.stg_lake__rejected_rows, core.validation_results
with read_errors as (
    select
        run_id,
        source_family,
        source_file,
        source_line,
        reason,
        raw,
        delivery_sha256
    from staging.stg_lake__rejected_rows
),

rule_errors as (
    select
        any_value(run_id) as run_id,
        source_family,
        source_file,
        source_line,
        'validation: ' || string_agg(description_en || ' (' || detail || ')', '; ' order by rule_id) as reason,
        string_agg(detail, '; ' order by rule_id) as raw,
        delivery_sha256
    from core.validation_results
    where severity = 'error'
    group by source_family, source_file, source_line, delivery_sha256
)

select * from read_errors
union all by name
select * from rule_errors
