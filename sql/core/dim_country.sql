-- grain: one row per ISO 3166-1 country, plus ZZ for figures whose country is unknown
-- depends on: ref.countries
with countries as (
    select iso2 as country_iso2, iso3 as country_iso3, name_en, name_fr
    from ref.countries
    union all
    select 'ZZ', 'ZZZ', 'Unknown country', 'Pays inconnu'
)

select * from countries

-- test: country_iso2 is unique, two letters
select country_iso2 from core.dim_country group by 1 having count(*) > 1 or length(country_iso2) <> 2
