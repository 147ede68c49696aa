-- grain: one row per source row held whole (source_column null), or figure of a row held alone (source_column set), by one source test or more
-- depends on: intermediate.int_quarantine
-- incremental: delivery_sha256 from intermediate.int_quarantine
-- What the figure models leave out of the count, said once: intermediate.int_quarantine has a row
-- per test that holds a row or a figure (two tests may hold one row); here each held row, or held
-- figure, is one row with its tests, so the models that join it (int_figure_deliveries,
-- int_figure_repeats, int_figure_versions, int_figures__derived) join a key, not a list of reasons.
select
    delivery_sha256,
    source_sheet,
    source_line,
    source_column,
    string_agg(distinct source_test, ', ' order by source_test) as source_tests
from intermediate.int_quarantine
group by delivery_sha256, source_sheet, source_line, source_column

-- test: every hold of intermediate.int_quarantine is here, with its test
select q.*
from intermediate.int_quarantine as q
anti join intermediate.int_held_rows as h
    on h.delivery_sha256 = q.delivery_sha256 and h.source_line = q.source_line
    and h.source_sheet is not distinct from q.source_sheet and h.source_column is not distinct from q.source_column
    and contains(', ' || h.source_tests || ', ', ', ' || q.source_test || ', ')
