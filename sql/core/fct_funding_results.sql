-- grain: one row per IATI result indicator period of a published delivery, as the publisher reports it (target, actual)
-- depends on: staging.stg_iati__results, core.fct_funding_activities
-- materialized: view
select * from staging.stg_iati__results

-- test: result_period_id is unique
select result_period_id from core.fct_funding_results group by 1 having count(*) > 1

-- test: every result belongs to an activity of the lake
select r.result_period_id, r.activity_id
from core.fct_funding_results as r
where r.activity_id not in (select activity_id from core.fct_funding_activities)
