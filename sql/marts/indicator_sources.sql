-- grain: one row per indicator x delivered file that feeds it (the current deliveries of its source families)
-- depends on: ref.indicator_catalogue, staging.stg_lake__file_loads
-- For a single figure, `palabre explain` narrows this down to the files and lines behind it.
with catalogue as (
    select indicator_code, family
    from ref.indicator_catalogue,
        unnest(string_split(source_families, ';')) as families(family)
),

deliveries as (
    select * from staging.stg_lake__file_loads
)

select
    c.indicator_code,
    d.source_family,
    d.source_file,
    d.run_id,
    d.delivery_sha256,
    d.rows_loaded
from catalogue as c
inner join deliveries as d on d.source_family = c.family

-- test: every indicator names at least one source family
select indicator_code from ref.indicator_catalogue where source_families is null or trim(source_families) = ''
