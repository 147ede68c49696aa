-- grain: one row per line of a published reporting calendar (reference/expected_reports.csv)
-- depends on: lake.expected_reports
-- incremental: delivery_sha256 from lake.expected_reports
with source as (
    select * from lake.expected_reports
),

renamed as (
    select
        -- ids
        delivery_sha256,
        run_id,
        source_file,
        source_line,
        source_file || ':' || source_line as calendar_line,
        -- who, as written
        nullif(trim(member), '') as member,
        nullif(trim(reporting_unit), '') as reporting_unit,
        trim(dataset) as dataset,
        -- when
        frequency,
        from_raw,
        cast(from_date as date) as from_date,
        to_raw,
        cast(to_date as date) as to_date,
        cast(days_allowed as integer) as days_allowed
    from source
)

select * from renamed

-- test: the frequency is month, quarter, year or mission
select * from staging.stg_reference__expected_reports where frequency not in ('month', 'quarter', 'year', 'mission')

-- test: a line names a member or a reporting unit, and from is not after to
select * from staging.stg_reference__expected_reports
where (member is null and reporting_unit is null) or from_date > to_date
