-- grain: one row per indicator x year x place (network, member, country, member in country) that has a target
-- depends on: intermediate.int_reference__targets, ref.indicator_catalogue
-- The targets that count (intermediate.int_reference__targets: indicator, member and country
-- checked and mapped; a target given again by a later delivery replaces the earlier one).
with targets as (
    select * from intermediate.int_reference__targets where counts
),

latest as (
    select
        -- ids
        indicator_code,
        year,
        member,
        country_iso2,
        -- target
        target,
        -- provenance
        source_file,
        source_line
    from targets
)

select * from latest

-- test: one target per indicator, year and place
select indicator_code, year, member, country_iso2 from core.fct_targets group by all having count(*) > 1

-- test: every target is for a catalogue indicator
select * from core.fct_targets where indicator_code not in (select indicator_code from ref.indicator_catalogue)
