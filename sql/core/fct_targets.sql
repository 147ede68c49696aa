-- grain: one row per indicator x year x place (network, member, country, member in country) that has a target
-- depends on: staging.stg_reference__targets, ref.indicator_catalogue
-- A target given again by a later delivery replaces the earlier one (later run, then the file whose name sorts last).
with targets as (
    select * from staging.stg_reference__targets
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
    qualify row_number() over (
        partition by indicator_code, year, member, country_iso2
        order by run_id desc, source_file desc, source_line desc
    ) = 1
)

select * from latest

-- test: one target per indicator, year and place
select indicator_code, year, member, country_iso2 from core.fct_targets group by all having count(*) > 1

-- test: every target is for a catalogue indicator
select * from core.fct_targets where indicator_code not in (select indicator_code from ref.indicator_catalogue)
