-- grain: one row per report expected (dataset x reporting unit x period): received or not, when it first arrived, on time or not, how complete
-- depends on: intermediate.int_reporting_expected, intermediate.int_reporting_figures, intermediate.int_reporting_deliveries, intermediate.int_reporting_datasets, staging.stg_lake__runs
-- DHIS2's reporting rates, per report. Received: a delivery has at least one figure for it (any
-- figure of the period, or within it). Its first delivery is the one Palabre saw first (the run that
-- first loaded the file's name, then the file's name); the report arrived when that delivery says
-- its report was completed (DHIS2 completeDate), else when its first value was updated (DHIS2
-- lastUpdated), else when Palabre first saw the file. On time: arrived on or before the due date.
-- Deliveries seen later (corrections, re-sends under a new name) never change the arrival, so a
-- late report stays late. Completeness: the report's figure keys over those expected (a DHIS2 data
-- set's elements; for a service, every figure it has ever reported in the dataset), across its
-- deliveries; none for a mission sheet.
with run as (
    select cast(max(started_at) as date) as run_date from staging.stg_lake__runs
),

expected as (
    select * from intermediate.int_reporting_expected
),

figures as (
    select * from intermediate.int_reporting_figures
),

matched as (
    select e.report_id, f.*
    from expected as e
    inner join figures as f
        on f.dataset = e.dataset and f.unit_code = e.unit_code
        and (f.period_start is null or (f.period_start >= e.period_start and f.period_end <= e.period_end))
),

deliveries as (
    select
        m.report_id,
        m.delivery_sha256,
        m.source_file,
        d.first_seen_run,
        d.first_seen_at,
        min(m.completed_on) as completed_on,
        min(m.updated_on) as updated_on
    from matched as m
    inner join intermediate.int_reporting_deliveries as d on d.delivery_sha256 = m.delivery_sha256
    group by all
),

first_deliveries as (
    select *
    from deliveries
    qualify row_number() over (partition by report_id order by first_seen_at, first_seen_run, source_file) = 1
),

filled as (
    select report_id, count(distinct figure_key) as figures_filled
    from matched
    group by report_id
),

unit_keys as (
    -- the figures a service has ever reported in its dataset
    select dataset, unit_code, count(distinct figure_key) as figures_reported
    from figures
    group by dataset, unit_code
),

reports as (
    select
        -- ids
        e.report_id,
        e.dataset,
        d.dataset_name,
        e.unit_code,
        -- who
        e.member,
        e.reporting_unit,
        e.country_iso2,
        -- period
        e.period_type,
        e.period,
        e.period_start,
        e.period_end,
        -- counts (DHIS2's expected, actual and actual-on-time reports)
        1 as expected,
        case when f.report_id is null then 0 else 1 end as received,
        case when f.report_id is not null and coalesce(f.completed_on, f.updated_on, cast(f.first_seen_at as date)) <= e.due_date
            then 1 else 0 end as on_time,
        -- when it was due and when it came
        e.days_allowed,
        e.due_date,
        coalesce(cast(f.completed_on as timestamp), cast(f.updated_on as timestamp), f.first_seen_at) as first_arrival_at,
        case
            when f.completed_on is not null then 'completeDate'
            when f.updated_on is not null then 'lastUpdated'
            when f.report_id is not null then 'first_seen'
        end as first_arrival_from,
        f.source_file as first_delivery_file,
        f.first_seen_run,
        -- completeness: figures filled over figures expected
        case when e.dataset = 'missions' then null else coalesce(n.figures_filled, 0) end as figures_filled,
        case
            when e.dataset = 'missions' then null
            when d.dataset_kind = 'dhis2' then len(d.data_elements)
            else coalesce(k.figures_reported, n.figures_filled, 0)
        end as figures_expected,
        -- what expects it
        e.expected_by,
        e.calendar_line
    from expected as e
    left join first_deliveries as f on f.report_id = e.report_id
    left join filled as n on n.report_id = e.report_id
    left join unit_keys as k on k.dataset = e.dataset and k.unit_code = e.unit_code
    left join intermediate.int_reporting_datasets as d on d.dataset = e.dataset
),

described as (
    select
        *,
        case
            when received = 1 and on_time = 1 then 'on_time'
            when received = 1 then 'late'
            when due_date < (select run_date from run) then 'missing'
            else 'pending'
        end as status,
        case when received = 1 and on_time = 0 then datediff('day', due_date, cast(first_arrival_at as date)) end as days_late,
        case when figures_expected > 0 then round(least(1.0, figures_filled / figures_expected), 4) end as completeness
    from reports
)

select * from described

-- test: one row per report expected
select report_id from intermediate.int_reporting_reports group by 1 having count(*) > 1

-- test: reconciles: every report expected is here once
select * from (select count(*) as n from intermediate.int_reporting_reports) as r,
    (select count(*) as n from intermediate.int_reporting_expected) as e
where r.n <> e.n

-- test: on time implies received; a received report has its first arrival and its file
select * from intermediate.int_reporting_reports
where on_time > received or (received = 1 and (first_arrival_at is null or first_delivery_file is null))
    or (received = 0 and first_arrival_at is not null)

-- test: completeness is a share
select * from intermediate.int_reporting_reports where completeness < 0 or completeness > 1
