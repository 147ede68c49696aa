-- grain: one row per DHIS2 organisation unit (from the latest metadata delivery that has it), with its country
-- depends on: staging.stg_dhis2__org_units, intermediate.int_crosswalk__countries
-- The country is the first name on the unit's ancestry (root first) that is a country, by its
-- name then its short name. The member it reports for depends on the figure's period (mapping
-- lines have dates): intermediate.int_dhis2__unit_members.
with units as (
    select *
    from staging.stg_dhis2__org_units
    qualify row_number() over (partition by org_unit_uid order by run_id desc, source_file desc, source_line desc) = 1
),

ancestry as (
    select org_unit_uid, unnest(parts) as ancestor_uid, generate_subscripts(parts, 1) as depth
    from (select org_unit_uid, string_split(ltrim(path, '/'), '/') as parts from units)
),

countries as (
    select
        a.org_unit_uid,
        arg_min(coalesce(by_name.country_iso2, by_short_name.country_iso2), a.depth) as country_iso2
    from ancestry as a
    inner join units as u on u.org_unit_uid = a.ancestor_uid
    left join intermediate.int_crosswalk__countries as by_name on by_name.label = label_key(u.org_unit_name)
    left join intermediate.int_crosswalk__countries as by_short_name on by_short_name.label = label_key(u.short_name)
    where coalesce(by_name.country_iso2, by_short_name.country_iso2) is not null
    group by a.org_unit_uid
)

select
    u.*,
    c.country_iso2
from units as u
left join countries as c on c.org_unit_uid = u.org_unit_uid

-- test: one row per unit
select org_unit_uid from intermediate.int_dhis2__org_units group by 1 having count(*) > 1
