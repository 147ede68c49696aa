-- grain: one row per IATI budget (contract columns first: DESIGN §7)
-- depends on: core.fct_funding_budgets
with budgets as (
    select * from core.fct_funding_budgets
)

select
    -- contract
    iati_identifier,
    reporting_org,
    period_start,
    period_end,
    value,
    currency,
    value_date,
    value_eur,
    -- budget
    budget_type,
    budget_status,
    counts_in_budget,
    member,
    country_iso2,
    reporting_org_ref,
    -- how it was valued
    value_text,
    rate_units_per_eur,
    rate_date,
    -- provenance
    source_file,
    source_line,
    source_path,
    budget_id
from budgets

-- test: budget_id is unique
select budget_id from marts.funding_budgets group by 1 having count(*) > 1

-- test: currency has three letters and value_eur is there
select * from marts.funding_budgets where not regexp_full_match(currency, '[A-Z]{3}') or value_eur is null
