-- grain: one row per rejected input row or cell, with the file, the line (and column for a cell) and the reason (read errors, and rows held at build by a source test)
-- depends on: core.fct_rejected_rows
select * from core.fct_rejected_rows

-- test: every rejection of core.fct_rejected_rows is here, at its stage (read or build)
select coalesce(m.rejected_at, c.rejected_at) as rejected_at, m.found, c.expected
from (select rejected_at, count(*) as found from marts.rejected_rows group by 1) as m
full join (select rejected_at, count(*) as expected from core.fct_rejected_rows group by 1) as c on c.rejected_at = m.rejected_at
where m.found is distinct from c.expected or coalesce(m.rejected_at, c.rejected_at) not in ('read', 'build')

-- test: every rejection names its delivery and the family that read it
select * from marts.rejected_rows where delivery_sha256 is null or source_family is null
