-- grain: one row per rejected input row or cell, with the file, the line (and column for a cell) and the reason (read errors, and rows held at build by a source test)
-- depends on: staging.stg_lake__rejected_rows, intermediate.int_quarantine
-- materialized: view
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

-- test: every rejection names its file and line and says why
select * from core.fct_rejected_rows where source_file is null or source_line is null or reason is null or trim(reason) = ''

-- test: every read error of the lake is here once, and every cell or row held at build once
select *
from (
    select 'read' as rejected_at, (select count(*) from staging.stg_lake__rejected_rows) as expected,
        (select count(*) from core.fct_rejected_rows where rejected_at = 'read') as found
    union all
    select 'build',
        (select count(distinct (source_family, source_file, source_sheet, source_line, source_column, delivery_sha256))
            from intermediate.int_quarantine),
        (select count(*) from core.fct_rejected_rows where rejected_at = 'build')
)
where expected <> found
