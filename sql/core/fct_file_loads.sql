-- grain: one row per published delivery (input file content) and how it was read
-- depends on: staging.stg_lake__file_loads
-- materialized: view
select * from staging.stg_lake__file_loads

-- test: delivery is unique
-- (its run may have no record in the lake's runs: a run killed after it published its deliveries,
-- before its record, is known by its id only; intermediate.int_reporting_deliveries dates them so)
select delivery_sha256, count(*) as n
from core.fct_file_loads
group by all
having count(*) > 1
