-- grain: one row per harmonised figure, with the file and line it came from
-- depends on: core.fct_observations
with observations as (
    select * from core.fct_observations
)

select
    -- provenance
    source_family,
    source_file,
    source_line,
    -- place
    member,
    org_unit,
    country_iso2,
    adm1,
    adm2,
    sector,
    -- period
    period_type,
    period,
    period_start,
    period_end,
    -- figure
    metric_code,
    sex,
    age_group,
    age_group_comparable,
    value,
    derived,
    run_id,
    delivery_sha256
from observations
