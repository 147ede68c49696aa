-- grain: one row per delivery x source family x member x period x metric it gives mapped figures of
-- depends on: intermediate.int_figures__mapped, ref.metrics
-- incremental: delivery_sha256 from intermediate.int_figures__mapped
-- What each delivery reports, at the grain of a monthly report: intermediate.int_figure_deliveries
-- ranks the deliveries of a figure given more than once, and only a delivery that shares a member,
-- period and metric with another can give a figure again. It reads those deliveries' figures only
-- (a corrected report and the one it corrects, overlapping DHIS2 exports), not every figure of the
-- lake.
select
    delivery_sha256,
    source_family,
    member,
    period_type,
    period,
    metric_code,
    count(*) as figures
from intermediate.int_figures__mapped
where mapping_status = 'mapped'
group by all

-- test by delivery: every metric is one of the code list (int_figure_deliveries finds the deliveries
-- that share one by equality: a figure without one would never be found given again)
select * from intermediate.int_delivery_metrics
where metric_code is null or metric_code not in (select metric_code from ref.metrics)
