-- grain: one row per published delivery, with when Palabre first saw its file (the first run that loaded a file of its family and name)
-- depends on: staging.stg_lake__file_loads, staging.stg_lake__load_report, staging.stg_lake__runs
-- A file delivered again under its name replaces its earlier version in the lake, but the load
-- reports keep the run that first loaded the name: that run is when the file first arrived,
-- whichever version counts now, so a corrected re-send (or a file read again because a reader or
-- its context changed) never arrives later, nor earlier, than its first version. A run killed
-- once its lake parts were published, before its load report and run record, left deliveries with
-- neither: they were first seen at their run id's time (a run id starts with its UTC start time).
with deliveries as (
    select delivery_sha256, run_id, source_family, source_file from staging.stg_lake__file_loads
),

runs as (
    select run_id, started_at from staging.stg_lake__runs
),

loads as (
    select l.source_family, l.source_file, l.run_id, coalesce(r.started_at, l.run_at) as seen_at
    from staging.stg_lake__load_report as l
    left join runs as r on r.run_id = l.run_id
    where l.status like 'loaded%'
),

first_loads as (
    select source_family, source_file, arg_min(run_id, seen_at) as first_run_id, min(seen_at) as first_seen_at
    from loads
    group by source_family, source_file
),

seen as (
    select
        -- ids
        d.delivery_sha256,
        d.run_id,
        -- provenance
        d.source_family,
        d.source_file,
        -- when Palabre first saw the file (a delivery always has its own run's load; the run's own time otherwise)
        case when f.first_seen_at <= coalesce(r.started_at, f.first_seen_at) then f.first_run_id else d.run_id end
            as first_seen_run,
        -- a run killed after its lake parts were published but before its run record: its run id's time
        coalesce(least(f.first_seen_at, r.started_at), try_strptime(left(d.run_id, 15), '%Y%m%dT%H%M%S'))
            as first_seen_at
    from deliveries as d
    left join first_loads as f on f.source_family = d.source_family and f.source_file = d.source_file
    left join runs as r on r.run_id = d.run_id
)

select * from seen

-- test: one row per delivery, each with when it was first seen
select delivery_sha256 from intermediate.int_reporting_deliveries group by 1 having count(*) > 1
union all
select delivery_sha256 from intermediate.int_reporting_deliveries where first_seen_at is null
