-- grain: one row per dataset a report can be expected for: samusocial (the monthly activity reports), missions (the mission sheets) and each DHIS2 data set of the latest metadata that has it
-- depends on: staging.stg_dhis2__metadata, ref.settings
-- A DHIS2 data set is due by its periodType (Monthly, Quarterly, Yearly: other period types are
-- not expected) at the org units it is assigned to, timelyDays after the period's end (DHIS2's
-- own rule; settings.dhis2_timely_days when the metadata do not say). Its figures are the values
-- of its data elements.
with settings as (
    select
        max(cast(value as integer)) filter (where setting = 'reporting_days_allowed') as report_days,
        max(cast(value as integer)) filter (where setting = 'dhis2_timely_days') as dhis2_days,
        max(cast(value as integer)) filter (where setting = 'mission_sheet_days_allowed') as mission_days
    from ref.settings
),

dhis2 as (
    select *
    from staging.stg_dhis2__metadata
    where object_type = 'dataSet'
    qualify row_number() over (partition by uid order by run_id desc, source_file desc, source_line desc) = 1
),

datasets as (
    select
        -- ids
        'samusocial' as dataset,
        'samusocial' as dataset_kind,
        cast(null as varchar) as dataset_uid,
        -- what
        'Samusocial monthly activity report' as dataset_name,
        'month' as frequency,
        s.report_days as days_allowed,
        cast([] as varchar[]) as data_elements,
        cast([] as varchar[]) as org_units
    from settings as s
    union all
    select 'missions', 'missions', null, 'Opération Sourire mission sheet', 'mission', s.mission_days, [], []
    from settings as s
    union all
    select
        coalesce(d.code, d.uid),
        'dhis2',
        d.uid,
        coalesce(d.name, d.code, d.uid),
        case lower(d.period_type) when 'monthly' then 'month' when 'quarterly' then 'quarter' when 'yearly' then 'year' end,
        coalesce(d.timely_days, s.dhis2_days),
        d.members,
        d.org_units
    from dhis2 as d, settings as s
)

select * from datasets

-- test: one row per dataset
select dataset from intermediate.int_reporting_datasets group by 1 having count(*) > 1

-- test: every dataset has its days allowed (schemas/settings.csv: reporting_days_allowed, dhis2_timely_days, mission_sheet_days_allowed)
select * from intermediate.int_reporting_datasets where days_allowed is null
