-- grain: one row per delivery x source code the crosswalk does not map yet (a measure, a DHIS2 category option, an organisation)
-- depends on: intermediate.int_figures__mapped
-- incremental: delivery_sha256 from intermediate.int_figures__mapped
-- What each delivery gives of the codes no line maps: how many figures, over which periods, from
-- which line first. intermediate.int_unmapped_codes adds the deliveries up, so that a run with one
-- new file reads that file's figures, not every figure of the lake.
with figures as (
    select * from intermediate.int_figures__mapped
),

measures as (
    select
        delivery_sha256,
        source_family,
        member,
        unmapped_kind as code_kind,
        unmapped_code as source_code,
        min(measure_label) as source_label,
        min(table_kind) as table_kind,
        min(source_file) as source_file,
        count(*) as figures,
        min(period_start) as first_period_start,
        max(period_end) as last_period_end,
        min(period) as first_period,
        max(period) as last_period,
        min(source_line) as example_line
    from figures
    where mapping_status = 'unmapped'
    group by delivery_sha256, source_family, member, unmapped_kind, unmapped_code
),

cells_with_unmapped_options as (
    select *, unnest(unmapped_options) as option_code
    from figures
    where length(unmapped_options) > 0 and mapping_status <> 'unmapped'
),

options as (
    select
        delivery_sha256,
        source_family,
        member,
        'dhis2_option' as code_kind,
        option_code as source_code,
        min(breakdown_label) as source_label,
        min(table_kind) as table_kind,
        min(source_file) as source_file,
        count(*) as figures,
        min(period_start) as first_period_start,
        max(period_end) as last_period_end,
        min(period) as first_period,
        max(period) as last_period,
        min(source_line) as example_line
    from cells_with_unmapped_options
    group by delivery_sha256, source_family, member, option_code
),

organisations as (
    select
        delivery_sha256,
        source_family,
        member,
        'organisation' as code_kind,
        org_name as source_code,
        org_name as source_label,
        min(table_kind) as table_kind,
        min(source_file) as source_file,
        count(*) as figures,
        min(period_start) as first_period_start,
        max(period_end) as last_period_end,
        min(period) as first_period,
        max(period) as last_period,
        min(source_line) as example_line
    from figures
    where organisation_unmapped
    group by delivery_sha256, source_family, member, org_name
)

select * from measures
union all by name
select * from options
union all by name
select * from organisations

-- test by delivery: one row per delivery and code, each with its figures and the line of one
select delivery_sha256, source_family, member, code_kind, source_code, count(*)
from intermediate.int_unmapped_code_deliveries
group by all
having count(*) > 1 or min(figures) < 1 or min(example_line) is null
