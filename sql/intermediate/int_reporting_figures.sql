-- grain: one row per dataset x reporting unit x period x delivery x figure key: what each delivery brings to the reports it is for
-- depends on: intermediate.int_figures__mapped, intermediate.int_reporting_datasets, intermediate.int_mdm__missions
-- incremental: delivery_sha256 from intermediate.int_figures__mapped, intermediate.int_mdm__missions
-- The figures a report is received by, in any delivery of the lake (the current version or an
-- earlier one, counted or held, mapped or not yet): a Samusocial service's monthly activity report
-- (its unit is the member and the service), a DHIS2 value of a data set's element at an org unit
-- (a value of an element in two data sets is a figure of both), and a mission sheet. The figure key
-- is what completeness counts: a DHIS2 data element, else the common metric and breakdown (the
-- column as written when it is not mapped yet). The dates the source gives (DHIS2's completeDate and
-- lastUpdated) are read as dates (their first ten characters).
-- Each family reads the figures it needs by itself: when one CTE of every figure fed both
-- branches, the model took 372 s and 42 GB of temporary disk at 10M rows (DuckDB materialising the
-- shared CTE, most likely); 7 s now. The Samusocial figures are grouped on their columns, and the
-- unit and figure keys spelt out once per group.
with datasets as (
    select * from intermediate.int_reporting_datasets
),

samusocial_groups as (
    select
        member,
        org_unit,
        country_iso2,
        period_start,
        period_end,
        delivery_sha256,
        source_file,
        metric_code,
        case when metric_code is not null then sex end as key_sex,
        case when metric_code is not null then age_group end as key_age_group,
        case when metric_code is null then measure_scheme end as key_scheme,
        case when metric_code is null then measure end as key_measure,
        count(*) as figures
    from intermediate.int_figures__mapped
    where source_family = 'samusocial' and table_kind = 'activity_report' and period_type = 'month' and org_unit is not null
    group by all
),

samusocial as (
    select
        'samusocial' as dataset,
        member || ' / ' || org_unit as unit_code,
        member,
        org_unit as reporting_unit,
        country_iso2,
        period_start,
        period_end,
        delivery_sha256,
        source_file,
        coalesce(metric_code || ':' || coalesce(key_sex, '') || ':' || coalesce(key_age_group, ''), key_scheme || ':' || key_measure)
            as figure_key,
        cast(null as date) as completed_on,
        cast(null as date) as updated_on,
        figures
    from samusocial_groups
),

dhis2 as (
    select
        d.dataset,
        f.org_code as unit_code,
        f.member,
        f.org_unit as reporting_unit,
        f.country_iso2,
        f.period_start,
        f.period_end,
        f.delivery_sha256,
        f.source_file,
        f.measure as figure_key,
        min(try_cast(left(f.source_completed, 10) as date)) as completed_on,
        min(try_cast(left(f.source_updated, 10) as date)) as updated_on,
        count(*) as figures
    from intermediate.int_figures__mapped as f
    inner join datasets as d on d.dataset_kind = 'dhis2' and list_contains(d.data_elements, f.measure)
    where f.measure_scheme = 'dhis2'
    group by all
),

missions as (
    select
        'missions' as dataset,
        mission_id as unit_code,
        member,
        mission_id as reporting_unit,
        country_iso2,
        cast(null as date) as period_start,
        cast(null as date) as period_end,
        delivery_sha256,
        source_file,
        cast(null as varchar) as figure_key,
        cast(null as date) as completed_on,
        cast(null as date) as updated_on,
        count(*) as figures
    -- every delivery of a sheet, held or replaced as well: each is an arrival of the mission's report
    from intermediate.int_mdm__missions
    group by all
)

select * from samusocial
union all by name
select * from dhis2
union all by name
select * from missions

-- test by delivery: one row per dataset, unit, period, delivery and figure key
select dataset, unit_code, period_start, delivery_sha256, figure_key
from intermediate.int_reporting_figures group by all having count(*) > 1
