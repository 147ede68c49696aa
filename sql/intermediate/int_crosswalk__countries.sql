-- grain: one row per country spelling (its label key) the code lists know, with its ISO 3166-1 alpha-2 code
-- depends on: ref.countries, ref.country_aliases
-- An alias of schemas/codes/country_aliases.csv wins over a code, a code over a name; among names
-- (English, French, Spanish), the first country in alphabetical order of its code.
with spellings as (
    select label_key(alias) as label, upper(iso2) as country_iso2, 1 as priority from ref.country_aliases
    union all
    select label_key(iso2), upper(iso2), 2 from ref.countries
    union all
    select label_key(iso3), upper(iso2), 2 from ref.countries
    union all
    select label_key(name_en), upper(iso2), 3 from ref.countries
    union all
    select label_key(name_fr), upper(iso2), 3 from ref.countries
    union all
    select label_key(name_es), upper(iso2), 3 from ref.countries
),

ranked as (
    select label, country_iso2
    from spellings
    where label is not null and label <> ''
    qualify row_number() over (partition by label order by priority, country_iso2) = 1
)

select * from ranked

-- test: a spelling leads to one country
select label from intermediate.int_crosswalk__countries group by 1 having count(*) > 1
