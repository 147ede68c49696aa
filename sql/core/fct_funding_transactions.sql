-- grain: one row per IATI transaction of the version of its activity that counts, with its activity's reporting organisation and network member
-- depends on: staging.stg_iati__transactions, core.fct_funding_activities, ref.iati_transaction_types
-- An activity given twice (in one file or in two) counts once: core.fct_funding_activities says
-- which version, and only that version's transactions are here.
with activities as (
    select activity_id, reporting_org, reporting_org_ref, reporting_org_member, member, country_iso2
    from core.fct_funding_activities
    where counts
),

transactions as (
    select t.* from staging.stg_iati__transactions as t
    semi join activities as a on a.activity_id = t.activity_id
),

transaction_types as (
    select cast(code as varchar) as transaction_type, name_en as transaction_type_name
    from ref.iati_transaction_types
),

joined as (
    select
        -- ids
        t.transaction_id,
        t.activity_id,
        t.iati_identifier,
        t.transaction_ref,
        -- who
        a.reporting_org,
        a.reporting_org_ref,
        a.reporting_org_member,
        a.member,
        a.country_iso2,
        -- transaction
        t.transaction_type,
        tt.transaction_type_name,
        t.transaction_type_reported,
        t.transaction_date,
        t.description,
        -- money
        t.value,
        t.value_text,
        t.currency,
        t.value_date,
        t.value_eur,
        t.rate_units_per_eur,
        t.rate_date,
        -- parties (a name where the file gives one, else the organisation identifier)
        coalesce(t.provider_org_name, t.provider_org_ref) as provider_org,
        t.provider_org_ref,
        t.provider_activity_id,
        coalesce(t.receiver_org_name, t.receiver_org_ref) as receiver_org,
        t.receiver_org_ref,
        t.receiver_activity_id,
        -- provenance
        t.source_file,
        t.source_line,
        t.source_path,
        t.delivery_sha256
    from transactions as t
    left join activities as a on a.activity_id = t.activity_id
    left join transaction_types as tt on tt.transaction_type = t.transaction_type
)

select * from joined

-- test: transaction_id is unique
select transaction_id, count(*) from core.fct_funding_transactions group by 1 having count(*) > 1

-- test: every transaction belongs to an activity of the same delivery and has a known type
select * from core.fct_funding_transactions where member is null or transaction_type_name is null

-- test: value_eur is there and currency has three letters
select * from core.fct_funding_transactions where value_eur is null or length(currency) <> 3

-- test: totals per activity and currency reconcile with the lake: the transactions of the versions that count
select l.iati_identifier, l.currency, l.n, l.total, f.n, f.total
from (
    select t.iati_identifier, t.currency, count(*) as n, sum(t.value) as total
    from staging.stg_iati__transactions as t
    inner join core.fct_funding_activities as a on a.activity_id = t.activity_id and a.counts
    group by all
) as l
full join (select iati_identifier, currency, count(*) as n, sum(value) as total from core.fct_funding_transactions group by all) as f
    on f.iati_identifier = l.iati_identifier and f.currency = l.currency
where l.n is distinct from f.n or abs(l.total - f.total) > 1e-6 * greatest(1, abs(l.total))
