-- grain: one row per IATI transaction of a published delivery
-- depends on: lake.iati_transactions
-- incremental: delivery_sha256 from lake.iati_transactions
with source as (
    select * from lake.iati_transactions
),

renamed as (
    select
        -- ids
        -- the element's position in the file, not its line: real files put several on one line
        md5(concat_ws('|', delivery_sha256, source_path)) as transaction_id,
        md5(concat_ws('|', delivery_sha256, activity_path)) as activity_id,
        iati_identifier,
        transaction_ref,
        delivery_sha256,
        run_id,
        -- provenance
        source_file,
        source_line,
        source_path,
        -- transaction
        transaction_type,
        transaction_type_reported,
        cast(transaction_date as date) as transaction_date,
        description,
        -- money as published, and in EUR
        cast(value as double) as value,
        value_text,
        upper(currency) as currency,
        cast(value_date as date) as value_date,
        cast(value_eur as double) as value_eur,
        cast(rate_units_per_eur as double) as rate_units_per_eur,
        cast(rate_date as date) as rate_date,
        -- parties
        provider_org_ref,
        provider_org_name,
        provider_activity_id,
        receiver_org_ref,
        receiver_org_name,
        receiver_activity_id
    from source
)

select * from renamed

-- test: transaction_id is unique
select transaction_id, count(*) from staging.stg_iati__transactions group by 1 having count(*) > 1

-- test: currency is three letters and value_eur is there
select * from staging.stg_iati__transactions where not regexp_full_match(currency, '[A-Z]{3}') or value_eur is null

-- test: the rate used is of the value date or earlier
select * from staging.stg_iati__transactions where rate_date > value_date
