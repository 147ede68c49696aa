-- grain: one row per harmonised figure (metric x place x period x disaggregation x source row)
-- depends on: staging.stg_lake__observations, ref.age_groups, ref.sexes, ref.metrics, core.dim_member, core.dim_country
with observations as (
    select * from staging.stg_lake__observations
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
        o.derived
    from observations as o
    left join age_groups as a on a.age_group = o.age_group
)

select * from enriched

-- test: observation_id is unique
select observation_id from core.fct_observations group by 1 having count(*) > 1

-- test: sex is female, male or unknown
select * from core.fct_observations where sex is not null and sex not in (select sex from ref.sexes)

-- test: age group is in the code list
select * from core.fct_observations where age_group is not null and age_group not in (select age_group from ref.age_groups)

-- test: metric is in the code list
select * from core.fct_observations where metric_code not in (select metric_code from ref.metrics)

-- test: member is known to dim_member
select * from core.fct_observations where member is not null and member not in (select member_code from core.dim_member)

-- test: country is an ISO 3166 code
select * from core.fct_observations where country_iso2 is not null and country_iso2 not in (select country_iso2 from core.dim_country)

-- test: reconciles with the lake (same rows, same total)
select * from (
    select count(*) as n, sum(value) as total from core.fct_observations
) as core_side, (
    select count(*) as n, sum(value) as total from staging.stg_lake__observations
) as lake_side
where core_side.n <> lake_side.n or abs(coalesce(core_side.total, 0) - coalesce(lake_side.total, 0)) > 1e-6
