-- grain: one row per IATI activity as delivered (delivery x position in the file); counts says which version of an activity counts
-- depends on: staging.stg_iati__activities, staging.stg_iati__budgets, staging.stg_iati__transactions, staging.stg_iati__results
-- IATI's rule: one activity per iati-identifier per reporting organisation. When a delivery gives
-- an activity again (twice in one file, or again in another file: a re-export, a multi-publisher
-- download), one version counts: the latest last-updated-datetime (the standard: "must change
-- whenever the value of any field changes"); with equal or missing datetimes, the later delivery
-- (later run, then within one run the file whose name sorts last), then the later in the file.
-- Only the counting version's budgets, transactions and results reach the facts and the marts.
with activities as (
    select
        *,
        -- the publisher: its organisation identifier, else its name
        coalesce(nullif(trim(reporting_org_ref), ''), lower(trim(reporting_org)), '') as publisher_key
    from staging.stg_iati__activities
),

ranked as (
    select
        *,
        row_number() over by_version as version_rank,
        first_value(activity_id) over by_version as counting_activity_id
    from activities
    window by_version as (
        partition by iati_identifier, publisher_key
        order by last_updated_at desc nulls last, run_id desc, source_file desc, activity_position desc
    )
),

items as (
    select activity_id, 'budget' as kind from staging.stg_iati__budgets
    union all
    select activity_id, 'transaction' from staging.stg_iati__transactions
    union all
    select activity_id, 'result period' from staging.stg_iati__results
),

item_counts as (
    select
        activity_id,
        count(*) filter (where kind = 'budget') as budgets,
        count(*) filter (where kind = 'transaction') as transactions,
        count(*) filter (where kind = 'result period') as result_periods
    from items
    group by 1
),

versions as (
    select
        -- ids
        r.activity_id,
        r.iati_identifier,
        r.publisher_key,
        -- who
        r.reporting_org,
        r.reporting_org_ref,
        r.reporting_org_member,
        r.member,
        r.country_iso2,
        -- what, when
        r.title,
        r.activity_status,
        r.planned_start,
        r.actual_start,
        r.planned_end,
        r.actual_end,
        r.last_updated_datetime,
        r.last_updated_at,
        -- which version counts, and why the others do not
        r.version_rank = 1 as counts,
        case when r.version_rank > 1 then w.source_file end as replaced_by_source_file,
        case when r.version_rank > 1 then w.source_line end as replaced_by_source_line,
        case when r.version_rank > 1 then w.source_path end as replaced_by_source_path,
        case
            when r.version_rank = 1 then null
            when w.last_updated_at > r.last_updated_at
                then 'replaced by a later last-updated-datetime (' || w.last_updated_datetime || ', this one '
                    || r.last_updated_datetime || ')'
            when r.last_updated_at is null and w.last_updated_at is not null
                then 'replaced by a version with a last-updated-datetime (' || w.last_updated_datetime
                    || '; this one has none or an unreadable one)'
            when w.delivery_sha256 = r.delivery_sha256
                then 'given again later in the same file'
                    || if(r.last_updated_at is null, ' (neither gives a last-updated-datetime)', ' (same last-updated-datetime)')
                    || ': the last counts'
            else 'replaced by a later delivery (' || w.source_file || ', run ' || w.run_id || ')'
                || if(r.last_updated_at is null, ' (neither gives a last-updated-datetime)', ' (same last-updated-datetime)')
        end as replacement_reason,
        -- what the version holds
        coalesce(c.budgets, 0) as budgets,
        coalesce(c.transactions, 0) as transactions,
        coalesce(c.result_periods, 0) as result_periods,
        -- provenance
        r.source_file,
        r.source_line,
        r.source_path,
        r.delivery_sha256,
        r.run_id
    from ranked as r
    inner join activities as w on w.activity_id = r.counting_activity_id
    left join item_counts as c on c.activity_id = r.activity_id
)

select * from versions

-- test: activity_id is unique
select activity_id, count(*) from core.fct_funding_activities group by 1 having count(*) > 1

-- test: exactly one version of each activity of each publisher counts
select iati_identifier, publisher_key, count(*) filter (where counts) from core.fct_funding_activities
group by all having count(*) filter (where counts) <> 1

-- test: every budget, transaction and result period of the lake belongs to an activity version (nothing lost)
select i.activity_id, i.kind from (
    select activity_id, 'budget' as kind from staging.stg_iati__budgets
    union all select activity_id, 'transaction' from staging.stg_iati__transactions
    union all select activity_id, 'result period' from staging.stg_iati__results
) as i
anti join core.fct_funding_activities as a on a.activity_id = i.activity_id
