-- grain: one row per delivery x source code the crosswalk does not map yet (a measure, a DHIS2 category option, an organisation)
-- depends on: intermediate.int_figures__mapped
-- incremental: delivery_sha256 from intermediate.int_figures__mapped
-- What each delivery gives of the codes no line maps: how many figures, over which periods, from
-- which line first. intermediate.int_unmapped_codes adds the deliveries up, so that a run with one
-- new file reads that file's figures, not every figure of the lake.
-- each figure once per code of it not mapped yet: its measure, the DHIS2 category options of a
-- cell that counts in its element's totals only, its organisation (each branch reads the figures
-- itself: a CTE that several branches read may be materialised whole, every column of every figure)
with codes as (
    select
        delivery_sha256, source_family, member, unmapped_kind as code_kind, unmapped_code as source_code,
        measure_label as source_label, table_kind, source_file, source_line, period, period_start, period_end
    from intermediate.int_figures__mapped
    where mapping_status = 'unmapped'
    union all
    select
        delivery_sha256, source_family, member, 'dhis2_option', unnest(unmapped_options),
        breakdown_label, table_kind, source_file, source_line, period, period_start, period_end
    from intermediate.int_figures__mapped
    where length(unmapped_options) > 0 and mapping_status <> 'unmapped'
    union all
    select
        delivery_sha256, source_family, member, 'organisation', org_name,
        org_name, table_kind, source_file, source_line, period, period_start, period_end
    from intermediate.int_figures__mapped
    where organisation_unmapped
)

select
    delivery_sha256,
    source_family,
    member,
    code_kind,
    source_code,
    min(source_label) as source_label,
    min(table_kind) as table_kind,
    min(source_file) as source_file,
    count(*) as figures,
    min(period_start) as first_period_start,
    max(period_end) as last_period_end,
    min(period) as first_period,
    max(period) as last_period,
    min(source_line) as example_line
from codes
group by delivery_sha256, source_family, member, code_kind, source_code

-- test by delivery: every code not mapped yet has a name to write in its mapping file
select * from intermediate.int_unmapped_code_deliveries where source_code is null or trim(source_code) = ''
