-- grain: one row per target line of the targets tables of the lake, with its indicator, member and country checked and mapped, and whether it counts
-- depends on: staging.stg_reference__targets, intermediate.int_entity_labels, intermediate.int_crosswalk__countries, ref.indicator_catalogue, ref.members
-- The indicator must be one of the catalogue (schemas/indicators/indicator_catalogue.csv, which
-- the --schemas overlay may extend); the member a code of schemas/codes/members.csv, or a name
-- the mappings know (an MdM section, an organisation) on 1 January of the year; the country one
-- the code lists know. A line failing any holds in quarantine with the reason the reader used to
-- give. A target given again by a later delivery replaces the earlier one (later run, then the
-- file whose name sorts last, then the later line).
with targets as (
    select * from staging.stg_reference__targets
),

labels as (
    select * from intermediate.int_entity_labels
),

mapped as (
    select
        t.*,
        case
            when t.member_raw is null then null
            when t.member_raw in (select member_code from ref.members) then t.member_raw
            else coalesce('mdm-' || lower(s.code), o.code)
        end as member,
        c.country_iso2,
        t.indicator_code in (select indicator_code from ref.indicator_catalogue) as indicator_known
    from targets as t
    left join labels as s
        on s.label_kind = 'mdm_section' and s.label = t.member_raw and s.on_date is not distinct from make_date(t.year, 1, 1)
    left join labels as o
        on o.label_kind = 'organisation' and o.label = t.member_raw and o.on_date is not distinct from make_date(t.year, 1, 1)
    left join intermediate.int_crosswalk__countries as c on c.label = label_key(t.country_raw)
),

held as (
    select
        *,
        not indicator_known or (member_raw is not null and member is null) or (country_raw is not null and country_iso2 is null)
            as held,
        concat_ws('; ',
            case when not indicator_known then 'indicator_code ''' || indicator_code
                || ''' is not in schemas/indicators/indicator_catalogue.csv' end,
            case when member_raw is not null and member is null then 'member ''' || member_raw || ''' is not a network member' end,
            case when country_raw is not null and country_iso2 is null then 'unknown country ''' || country_raw || '''' end)
            as held_because
    from mapped
),

versions as (
    select
        *,
        row_number() over (
            partition by indicator_code, year, member, country_iso2, held order by run_id desc, source_file desc, source_line desc)
            as version
    from held
)

select
    * exclude (version),
    not held and version = 1 as counts,
    case when held then 'held in quarantine: ' || held_because when version > 1 then 'given again, a later line counts' end
        as left_out_because
from versions

-- test: one counted target per indicator, year and place
select indicator_code, year, member, country_iso2 from intermediate.int_reference__targets where counts group by all having count(*) > 1
