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

-- One row per figure of the lake (every figure mapped, ignored or not yet mapped) follows from the
-- tests of intermediate.int_figure_mappings, and is not checked again by a scan of every figure (a
-- count of this view runs its join over the whole lake, in every build that touches a delivery):
-- each delivery's distinct codes get one row there (one per delivery and code), and none of the
-- columns this join compares with '=' is null (the others are compared with 'is not distinct from').

-- test by delivery: a mapped figure has its metric; an unmapped one says what is missing
select * from intermediate.int_figures__mapped
where (mapping_status = 'mapped' and metric_code is null) or (mapping_status = 'unmapped' and unmapped_kind is null)
