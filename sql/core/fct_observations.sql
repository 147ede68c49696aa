-- grain: one row per harmonised figure that counts (metric x place x period x disaggregation x source row)
-- depends on: staging.stg_lake__observations, ref.age_groups, ref.sexes, ref.metrics, core.dim_member, core.dim_country, core.observation_versions
-- Leaves out rows that break an error-level validation rule and figures replaced by a later delivery
-- (see core.observation_versions).
with observations as (
    select * from core.observation_versions
    where counts
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

-- test: reconciles with the lake: counted + left out = every figure of the lake
select * from (
    select count(*) as n from core.fct_observations
) as counted, (
    select count(*) as n from core.observation_versions where not counts
) as left_out, (
    select count(*) as n from staging.stg_lake__observations
) as lake_side
where counted.n + left_out.n <> lake_side.n
