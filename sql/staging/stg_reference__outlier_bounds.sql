-- grain: one row per line of a published outlier bounds table (reference/: metric_code, min and/or max)
-- depends on: lake.outlier_bounds
-- incremental: delivery_sha256 from lake.outlier_bounds
with source as (
    select * from lake.outlier_bounds
),

renamed as (
    select
        -- ids
        delivery_sha256,
        run_id,
        source_file,
        source_line,
        source_file || ':' || source_line as bounds_line,
        -- which figures, as written (null = all)
        trim(metric_code) as metric_code,
        nullif(trim(member), '') as member,
        nullif(trim(reporting_unit), '') as reporting_unit,
        nullif(lower(trim(sex)), '') as sex,
        nullif(trim(age_group), '') as age_group,
        -- bounds
        cast(min as double) as min_value,
        cast(max as double) as max_value
    from source
)

select * from renamed

-- test: a line has a bound, and its minimum is not above its maximum
select * from staging.stg_reference__outlier_bounds
where (min_value is null and max_value is null) or min_value > max_value
