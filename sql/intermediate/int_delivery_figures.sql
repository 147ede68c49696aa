-- grain: one row per delivery with figures: how many are mapped, ignored on purpose or not mapped yet, and how many its file gives again further down
-- depends on: intermediate.int_figures__mapped, intermediate.int_figure_versions, staging.stg_lake__figures
-- incremental: delivery_sha256 from intermediate.int_figures__mapped, intermediate.int_figure_versions, staging.stg_lake__figures
-- The load report's figure counts, by delivery: each is made from the delivery's own figures, so
-- a run with one new file counts that file's figures only, and core.fct_load_report (a view, read
-- by every run's report) joins this small table instead of scanning every figure of the lake.
with figures as (
    select
        delivery_sha256,
        count(*) filter (where mapping_status = 'mapped') as figures_mapped,
        count(*) filter (where mapping_status = 'ignored') as figures_ignored,
        count(*) filter (where mapping_status = 'unmapped') as figures_unmapped,
        -- a DHIS2 tree with no unit in schemas/mappings/dhis2_members.csv: named by its root (level-1) name
        -- (an org unit the metadata do not name has no tree: it is held in quarantine, and said there)
        list(distinct country order by country)
            filter (where measure_scheme = 'dhis2' and member is null and country is not null) as unlisted_dhis2_trees
    from intermediate.int_figures__mapped
    group by 1
),

given_again as (
    -- figures given twice in one file where repeats are corrections: the later row counts
    select
        delivery_sha256,
        count(*) as figures_replaced,
        min(source_line) as first_line,
        min(regexp_extract(left_out_because, 'line ([0-9]+)', 1)) as by_line
    from intermediate.int_figure_versions
    where left_out_because like 'given again further down the file%'
    group by 1
)

select
    f.*,
    coalesce(g.figures_replaced, 0) as figures_replaced,
    g.first_line,
    g.by_line
from figures as f
left join given_again as g on g.delivery_sha256 = f.delivery_sha256

-- test by delivery: one row per delivery, whose figures add up
select delivery_sha256, count(*)
from intermediate.int_delivery_figures
group by 1
having count(*) > 1 or min(figures_replaced) > min(figures_mapped)

-- test by delivery: the figures counted are the delivery's figures (those of the staging table, which
-- the mapped figures' view gives one for one)
select d.delivery_sha256, d.figures_mapped + d.figures_ignored + d.figures_unmapped as counted, f.figures
from intermediate.int_delivery_figures as d
inner join (
    select delivery_sha256, count(*) as figures
    from staging.stg_lake__figures
    group by 1
) as f on f.delivery_sha256 = d.delivery_sha256
where d.figures_mapped + d.figures_ignored + d.figures_unmapped <> f.figures
