-- grain: one row per delivery x source family x member x period x metric it gives mapped figures of
-- depends on: intermediate.int_figures__mapped
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

-- test by delivery: a delivery's rows count each of its mapped figures once
select m.delivery_sha256, m.figures, f.figures
from (select delivery_sha256, sum(figures) as figures from intermediate.int_delivery_metrics group by 1) as m
left join (
    select delivery_sha256, count(*) as figures
    from intermediate.int_figures__mapped
    where mapping_status = 'mapped' and delivery_sha256 in (select delivery_sha256 from intermediate.int_delivery_metrics)
    group by 1
) as f on f.delivery_sha256 = m.delivery_sha256
where m.figures is distinct from f.figures
