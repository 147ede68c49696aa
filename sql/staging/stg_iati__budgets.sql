-- grain: one row per IATI budget of a published delivery
-- depends on: lake.iati_budgets
-- incremental: delivery_sha256 from lake.iati_budgets
with source as (
    select * from lake.iati_budgets
),

renamed as (
    select
        -- ids
        -- the element's position in the file, not its line: real files put several on one line
        md5(concat_ws('|', delivery_sha256, source_path)) as budget_id,
        md5(concat_ws('|', delivery_sha256, activity_path)) as activity_id,
        iati_identifier,
        delivery_sha256,
        run_id,
        -- provenance
        source_file,
        source_line,
        source_path,
        -- budget
        budget_type,
        budget_status,
        cast(period_start as date) as period_start,
        cast(period_end as date) as period_end,
        -- money as published, and in EUR
        cast(value as double) as value,
        value_text,
        upper(currency) as currency,
        cast(value_date as date) as value_date,
        cast(value_eur as double) as value_eur,
        cast(rate_units_per_eur as double) as rate_units_per_eur,
        cast(rate_date as date) as rate_date
    from source
)

select * from renamed

-- test: budget_id is unique
select budget_id, count(*) from staging.stg_iati__budgets group by 1 having count(*) > 1

-- test: currency is three letters and value_eur is there
select * from staging.stg_iati__budgets where not regexp_full_match(currency, '[A-Z]{3}') or value_eur is null

-- test: the rate used is of the value date or earlier
select * from staging.stg_iati__budgets where rate_date > value_date
