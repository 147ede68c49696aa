-- grain: one row per source row held at build time by a source test: which test, why, and where
-- depends on: intermediate.int_quarantine
-- What a member's delivery says that the network cannot count yet. The row is out of every
-- indicator and counted as rejected in marts.load_report; the rest of the warehouse is built and
-- published. Fix the file (or the code list the reason names) and run again.
select
    source_test,
    reason,
    source_family,
    source_file,
    source_sheet,
    source_line,
    detail,
    run_id,
    delivery_sha256
from intermediate.int_quarantine

-- test: every held row names its file and line
select * from marts.quarantine where source_file is null or source_line is null
