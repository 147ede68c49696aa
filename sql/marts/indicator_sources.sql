-- grain: one row per indicator x delivered file x mapping line that feeds it (mapping_line null for indicators of entities: missions, partnerships, funding)
-- depends on: ref.indicator_catalogue, core.fct_file_loads, core.fct_observations
-- For a single figure, `palabre explain` narrows this down to the files and lines behind it. An
-- indicator defined on common metrics names the line of the crosswalk (schemas/mappings/x.csv:N)
-- that turned each file's figures into its metrics.
with catalogue as (
    select indicator_code, family, formula_type, numerator_metric, denominator_metric
    from ref.indicator_catalogue,
        unnest(string_split(source_families, ';')) as families(family)
),

deliveries as (
    select * from core.fct_file_loads
),

metric_lines as (
    select
        c.indicator_code,
        o.source_family,
        o.source_file,
        o.delivery_sha256,
        o.mapping_line,
        count(*) as figures
    from core.fct_observations as o
    inner join catalogue as c
        on c.family = o.source_family and o.metric_code in (c.numerator_metric, c.denominator_metric)
    where c.formula_type in ('metric_sum', 'metric_ratio')
    group by all
),

entity_files as (
    select c.indicator_code, d.source_family, d.source_file, d.delivery_sha256, cast(null as varchar) as mapping_line,
        cast(null as bigint) as figures
    from catalogue as c
    inner join deliveries as d on d.source_family = c.family
    where c.formula_type not in ('metric_sum', 'metric_ratio')
)

select
    s.indicator_code,
    s.source_family,
    s.source_file,
    d.run_id,
    s.delivery_sha256,
    d.rows_loaded,
    s.mapping_line,
    s.figures
from (select * from metric_lines union all select * from entity_files) as s
inner join deliveries as d on d.delivery_sha256 = s.delivery_sha256

-- test: every indicator names at least one source family
select indicator_code from ref.indicator_catalogue where source_families is null or trim(source_families) = ''

-- test: every figure of a metric indicator names the mapping line that mapped it
select * from marts.indicator_sources where figures is not null and mapping_line is null
