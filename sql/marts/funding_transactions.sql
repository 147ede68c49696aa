-- grain: one row per IATI transaction (contract columns first: DESIGN §7)
-- depends on: core.fct_funding_transactions
with transactions as (
    select * from core.fct_funding_transactions
)

select
    -- contract
    iati_identifier,
    reporting_org,
    transaction_type,
    transaction_date,
    value,
    currency,
    value_date,
    value_eur,
    provider_org,
    receiver_org,
    -- transaction
    transaction_type_name,
    transaction_type_reported,
    transaction_ref,
    description,
    member,
    country_iso2,
    reporting_org_ref,
    provider_org_ref,
    receiver_org_ref,
    -- how it was valued
    value_text,
    rate_units_per_eur,
    rate_date,
    -- provenance
    source_file,
    source_line,
    source_path,
    transaction_id
from transactions

-- test: transaction_id is unique
select transaction_id from marts.funding_transactions group by 1 having count(*) > 1

-- test: currency has three letters and value_eur is there
select * from marts.funding_transactions where not regexp_full_match(currency, '[A-Z]{3}') or value_eur is null
