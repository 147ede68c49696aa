-- grain: one row per harmonised figure that counts (metric x place x period x disaggregation x source row), derived totals included
-- depends on: intermediate.int_figure_versions, intermediate.int_figures__derived, ref.age_groups, ref.sexes, ref.metrics, core.dim_member, core.dim_country
-- incremental: delivery_sha256 from intermediate.int_figure_versions, intermediate.int_figures__derived
-- The figures of the lake mapped to a common metric that count (see intermediate.int_figure_versions:
-- not held by a source test, not replaced by a later delivery or row), and the totals derived from
-- them (intermediate.int_figures__derived). DHIS2 cells reach this table through their sums only:
-- a cell of one sex and age group is the sum of the cells of that sex and age group.
with counted as (
    select
        figure_key(delivery_sha256, source_sheet, source_line, source_column) as observation_id, delivery_sha256, run_id,
        source_family, source_file, source_line,
        member, org_unit, country_iso2, adm1, adm2, sector, population_group,
        period_type, period, period_start, period_end,
        metric_code, sex, age_group, value, false as derived, measure_mapping_line as mapping_line
    from intermediate.int_figure_versions
    where counts and not (measure_scheme = 'dhis2' and breakdown is not null)
),

derived as (
    select * exclude (parts) from intermediate.int_figures__derived
),

observations as (
    select * from counted
    union all by name
    select * from derived
),

age_groups as (
    select age_group, comparable from ref.age_groups
),

enriched as (
    select
        -- ids
        o.observation_id,
        o.delivery_sha256,
        o.run_id,
        -- provenance
        o.source_family,
        o.source_file,
        o.source_line,
        -- place
        o.member,
        o.org_unit,
        o.country_iso2,
        o.adm1,
        o.adm2,
        o.sector,
        o.population_group,
        -- period
        o.period_type,
        o.period,
        o.period_start,
        o.period_end,
        -- figure
        o.metric_code,
        o.sex,
        o.age_group,
        coalesce(a.comparable, true) as age_group_comparable,
        o.value,
        o.derived,
        -- lineage: the crosswalk line that made it this metric
        o.mapping_line
    from observations as o
    left join age_groups as a on a.age_group = o.age_group
)

select * from enriched

-- test by delivery: observation_id is unique (it starts with the row's delivery: two deliveries never share one)
select observation_id from core.fct_observations group by 1 having count(*) > 1

-- test by delivery: sex is female, male or unknown
select * from core.fct_observations where sex is not null and sex not in (select sex from ref.sexes)

-- test by delivery: age group is in the code list
select * from core.fct_observations where age_group is not null and age_group not in (select age_group from ref.age_groups)

-- test by delivery: metric is in the code list
select * from core.fct_observations where metric_code not in (select metric_code from ref.metrics)

-- test by delivery: member is known to dim_member
select * from core.fct_observations where member is not null and member not in (select member_code from core.dim_member)

-- test by delivery: country is an ISO 3166 code
select * from core.fct_observations where country_iso2 is not null and country_iso2 not in (select country_iso2 from core.dim_country)

-- test by delivery: reconciles with the lake: each delivery publishes every figure of it that counts, but DHIS2 cells (published through their sums)
select coalesce(o.delivery_sha256, c.delivery_sha256) as delivery_sha256, o.n as published, c.n as counted
from (
    -- the rows not derived from DHIS2 cells (intermediate.int_figures__derived)
    select f.delivery_sha256, count(*) as n
    from core.fct_observations as f
    anti join intermediate.int_figures__derived as d on d.observation_id = f.observation_id
    group by 1
) as o
full join (
    select delivery_sha256, count(*) as n
    from intermediate.int_figure_versions
    where counts and (measure_scheme <> 'dhis2' or breakdown is null)
        and delivery_sha256 in (select delivery_sha256 from core.fct_observations)
    group by 1
) as c on c.delivery_sha256 = o.delivery_sha256
where coalesce(o.n, 0) <> coalesce(c.n, 0)

-- test: a DHIS2 element's derived total at an org unit and period is the sum of its cells that count
select d.*
from core.fct_observations as d
inner join (
    select member, org_unit, period, metric_code, sum(value) as cells
    from intermediate.int_figure_versions
    where counts and measure_scheme = 'dhis2' and breakdown is not null
    group by all
    having count(distinct attribute_option) = 0
) as c on c.member is not distinct from d.member and c.org_unit = d.org_unit and c.period = d.period and c.metric_code = d.metric_code
where d.source_family = 'dhis2' and d.derived and d.sex is null and d.age_group is null
    and abs(d.value - c.cells) > 1e-9
