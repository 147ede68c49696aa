-- grain: one row per delivery x period (type, code, bounds) its figures give
-- depends on: staging.stg_lake__figures
-- incremental: delivery_sha256 from staging.stg_lake__figures
-- The periods of each delivery's figures, so that core.dim_period (rebuilt by every run that adds a
-- file) reads a few rows per delivery instead of every figure of the lake.
select
    delivery_sha256,
    period_type,
    period,
    period_start,
    period_end,
    count(*) as figures
from staging.stg_lake__figures
group by all

-- test by delivery: a period has one set of bounds (core.dim_period keeps one row per period)
select delivery_sha256, period_type, period, count(*)
from staging.stg_lake__figure_periods
group by 1, 2, 3
having count(distinct period_start) > 1 or count(distinct period_end) > 1
