-- grain: one row per figure of the lake, with the crosswalk applied: the common metric, member, place and breakdown it maps to, and the mapping lines that did it
-- depends on: staging.stg_lake__figures, intermediate.int_figure_mappings
-- materialized: view
-- incremental: delivery_sha256, measure from staging.stg_lake__figures, intermediate.int_figure_mappings
-- Each figure with the mapping of its delivery's code (intermediate.int_figure_mappings, where the
-- crosswalk is applied). A figure whose measure no line maps is 'unmapped' (marts.unmapped_figures
-- lists it, it counts in no indicator); a line with a blank metric maps it on purpose to none
-- ('ignored'). A view: the figures joined to the small table of their codes' mappings cost less to
-- read again than to write again (a copy of every figure); an incremental build passes on the
-- deliveries and codes its two inputs changed.
with mapped as (
    select
        f.*,
        m.* exclude (delivery_sha256, measure_scheme, measure, table_kind, period_start, breakdown, org_code, org_name, country, sector)
    from staging.stg_lake__figures as f
    inner join intermediate.int_figure_mappings as m
        on m.delivery_sha256 = f.delivery_sha256 and m.measure_scheme = f.measure_scheme and m.measure = f.measure
        and m.table_kind = f.table_kind and m.period_start is not distinct from f.period_start
        and m.breakdown is not distinct from f.breakdown and m.org_code is not distinct from f.org_code
        and m.org_name is not distinct from f.org_name and m.country is not distinct from f.country
        and m.sector is not distinct from f.sector
)

select * exclude (sector), mapped_sector as sector, sector as sector_raw from mapped

-- One row per figure of the lake follows from three tests, and is not checked again by a fourth scan of
-- every figure: the lake's key (staging.stg_lake__figures), one mapping per delivery and code
-- (intermediate.int_figure_mappings), and the count below.

-- test: reconciles with the lake: every figure is mapped, ignored or not yet mapped
select * from (select count(*) as n from intermediate.int_figures__mapped) as m, (select count(*) as n from staging.stg_lake__figures) as l
where m.n <> l.n

-- test by delivery: a mapped figure has its metric; an unmapped one says what is missing
select * from intermediate.int_figures__mapped
where (mapping_status = 'mapped' and metric_code is null) or (mapping_status = 'unmapped' and unmapped_kind is null)
