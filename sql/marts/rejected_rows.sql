-- grain: one row per rejected input row or cell, with the file, the line (and column for a cell) and the reason (read errors, and rows held at build by a source test)
-- depends on: staging.stg_lake__rejected_rows, intermediate.int_quarantine
with read_errors as (
    select
        run_id,
        source_family,
        source_file,
        source_sheet,
        source_line,
        source_column,
        reason,
        raw,
        delivery_sha256,
        'read' as rejected_at
    from staging.stg_lake__rejected_rows
),

held_at_build as (
    select
        any_value(run_id) as run_id,
        source_family,
        source_file,
        source_sheet,
        source_line,
        source_column,
        string_agg(reason, '; ' order by source_test) as reason,
        string_agg(detail, '; ' order by source_test) as raw,
        delivery_sha256,
        'build' as rejected_at
    from intermediate.int_quarantine
    group by source_family, source_file, source_sheet, source_line, source_column, delivery_sha256
)

select * from read_errors
union all by name
select * from held_at_build
