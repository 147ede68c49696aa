-- grain: one row per currency and rate date of the exchange-rate table(s)
-- depends on: lake.exchange_rates
-- incremental: delivery_sha256 from lake.exchange_rates
with source as (
    select * from lake.exchange_rates
),

renamed as (
    select
        -- ids
        currency,
        cast(rate_date as date) as rate_date,
        delivery_sha256,
        run_id,
        -- provenance
        source_family,
        source_file,
        source_line,
        -- rate
        cast(units_per_eur as double) as units_per_eur
    from source
)

select * from renamed

-- test: rates are positive
select * from staging.stg_reference__exchange_rates where units_per_eur <= 0

-- test: one rate per currency and date in each table (the reader keeps the later line of a repeated one;
-- between two tables, the conversions take the table whose path sorts last: see ExchangeRates)
select currency, rate_date, source_file, count(*) from staging.stg_reference__exchange_rates group by all having count(*) > 1
