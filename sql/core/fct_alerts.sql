-- grain: one row per red/orange-line alert (natural key alert_key: the log's alert_id)
-- depends on: intermediate.int_mdm__alerts, core.dim_country
-- The alerts that count (intermediate.int_mdm__alerts: labels mapped, not held by a source test,
-- one per alert id: the later line, the later log).
with alerts as (
    select * from intermediate.int_mdm__alerts where counts
),

enriched as (
    select
        -- ids
        alert_key,
        alert_id,
        -- alert
        category,
        category_raw,
        level,
        date_raised,
        date_closed,
        case when date_closed is null then 'open' else 'closed' end as alert_status,
        -- where and who (unknown country: ZZ)
        coalesce(country_iso2, 'ZZ') as country_iso2,
        country_raw,
        partner,
        member,
        section,
        -- provenance
        source_file,
        source_line,
        delivery_sha256
    from alerts
)

select * from enriched

-- test: alert_key is unique
select alert_key from core.fct_alerts group by 1 having count(*) > 1

-- test: country is an ISO 3166 code
select * from core.fct_alerts where country_iso2 not in (select country_iso2 from core.dim_country)
