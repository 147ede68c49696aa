-- grain: one row per published delivery (input file content) and how it was read
-- depends on: staging.stg_lake__file_loads, core.fct_runs
-- materialized: view
select * from staging.stg_lake__file_loads

-- test: delivery is unique, and it was published by a run of the lake
select d.delivery_sha256, d.run_id
from core.fct_file_loads as d
left join core.fct_runs as r on r.run_id = d.run_id
group by all
having count(*) > 1 or bool_or(r.run_id is null)
