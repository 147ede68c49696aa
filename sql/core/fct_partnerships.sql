-- grain: one row per partnership (natural key partner, country, section, type, start date)
-- depends on: intermediate.int_mdm__partnerships, core.dim_country, ref.members
-- The partnership lines that count (intermediate.int_mdm__partnerships: labels mapped, not held
-- by a source test; the same partnership delivered twice counts once, the latest line).
with deduplicated as (
    select * from intermediate.int_mdm__partnerships where counts
),

enriched as (
    select
        -- ids
        partnership_key,
        -- partnership
        partner,
        member,
        section,
        coalesce(country_iso2, 'ZZ') as country_iso2,
        country_raw,
        partnership_type,
        partnership_type_raw,
        agreement,
        agreement = 'written' as written_agreement,
        start_date,
        end_date,
        -- provenance
        source_file,
        source_line,
        delivery_sha256
    from deduplicated
)

select * from enriched

-- test: partnership_key is unique
select partnership_key from core.fct_partnerships group by 1 having count(*) > 1

-- test: member is in the member list
select * from core.fct_partnerships where member not in (select member_code from ref.members)

-- test: country is an ISO 3166 code
select * from core.fct_partnerships where country_iso2 not in (select country_iso2 from core.dim_country)
