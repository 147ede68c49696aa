-- grain: one row per ingest run x input file: what became of it and its row accounting
-- depends on: staging.stg_lake__load_report
select
    run_id,
    run_at,
    source_family,
    source_file,
    file_sha256,
    size_bytes,
    file_kind,
    encoding,
    status,
    rows_read,
    rows_loaded,
    rows_rejected,
    warnings
from staging.stg_lake__load_report
