-- grain: one row per partnership (key: partner, country_iso2, member, partnership_type, start_date)
-- depends on: core.fct_partnerships
select
    -- ids
    partner,
    country_iso2,
    member,
    partnership_type,
    start_date,
    -- partnership
    end_date,
    agreement,
    written_agreement,
    section,
    partnership_type_raw,
    country_raw,
    -- provenance
    source_file,
    source_line
from core.fct_partnerships

-- test: the natural key is unique
select partner, country_iso2, member, partnership_type, start_date from marts.partnerships group by all having count(*) > 1
