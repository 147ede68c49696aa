-- grain: one row per IATI result indicator period of a published delivery
-- depends on: lake.iati_results
-- incremental: delivery_sha256 from lake.iati_results
with source as (
    select * from lake.iati_results
),

renamed as (
    select
        -- ids
        -- the element's position in the file, not its line: real files put several on one line
        md5(concat_ws('|', delivery_sha256, source_path)) as result_period_id,
        md5(concat_ws('|', delivery_sha256, activity_path)) as activity_id,
        iati_identifier,
        delivery_sha256,
        -- provenance
        source_file,
        source_line,
        source_path,
        -- result and indicator
        result_type,
        result_title,
        indicator_measure,
        indicator_ascending,
        indicator_title,
        -- baseline
        baseline_year,
        cast(baseline_date as date) as baseline_date,
        cast(baseline_value as double) as baseline_value,
        -- period
        cast(period_start as date) as period_start,
        cast(period_end as date) as period_end,
        cast(target as double) as target,
        cast(actual as double) as actual
    from source
)

select * from renamed

-- test: result_period_id is unique
select result_period_id, count(*) from staging.stg_iati__results group by 1 having count(*) > 1
