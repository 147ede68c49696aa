-- grain: one row per harmonised figure of a published delivery
-- depends on: lake.observations
with source as (
    select * from lake.observations
),

renamed as (
    select
        -- ids
        md5(concat_ws('|', delivery_sha256, source_line, metric_code, coalesce(sex, ''), coalesce(age_group, '')))
            as observation_id,
        delivery_sha256,
        run_id,
        -- provenance
        source_family,
        source_file,
        source_line,
        -- place
        member,
        org_unit,
        upper(country_iso2) as country_iso2,
        adm1,
        adm2,
        sector,
        -- period
        period_type,
        period,
        cast(period_start as date) as period_start,
        cast(period_end as date) as period_end,
        -- figure
        metric_code,
        sex,
        age_group,
        cast(value as double) as value,
        derived
    from source
)

select * from renamed

-- test: observation_id is unique
select observation_id, count(*) as n from staging.stg_lake__observations group by 1 having count(*) > 1

-- test: no figure without metric, value or provenance
select * from staging.stg_lake__observations
where metric_code is null or value is null or source_file is null or source_line is null

-- test: period ends on or after it starts
select * from staging.stg_lake__observations where period_end < period_start
