-- grain: one row per ingest run x input file: what became of it and its row accounting
-- depends on: core.fct_load_report
-- Rows held at build by a source test (an unknown country, an error-level validation rule) move
-- from loaded to rejected, so rows_read = rows_loaded + rows_rejected still holds. A row loads when
-- any of its figures does: cells_rejected counts the figures of loaded rows rejected at read
-- (not a number) or held at build (a fraction of a person). The figures of
-- a file's loaded rows are mapped to a common metric, ignored on purpose, or not mapped yet
-- (marts.unmapped_figures says which codes, with the line to add).
select * from core.fct_load_report

-- test: rows read = rows loaded + rows rejected, build-time holds included
select * from marts.load_report where rows_read <> rows_loaded + rows_rejected or rows_loaded < 0
