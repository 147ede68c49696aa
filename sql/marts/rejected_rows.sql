-- grain: one row per rejected input row, with the file, the line and the reason
-- depends on: staging.stg_lake__rejected_rows
select
    run_id,
    source_family,
    source_file,
    source_line,
    reason,
    raw,
    delivery_sha256
from staging.stg_lake__rejected_rows
