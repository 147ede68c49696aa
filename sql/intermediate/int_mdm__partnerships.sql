-- grain: one row per partnership line of the registries of the lake, with section, type and agreement mapped, whether a source test holds it, and whether it counts
-- depends on: staging.stg_mdm__partnerships, intermediate.int_entity_labels, intermediate.int_crosswalk__countries
-- Section, type and agreement as the registry writes them meet schemas/mappings/ (mdm_sections,
-- partnership_types, agreement_types) at the partnership's start date. A section or type no line
-- maps, or an agreement neither written nor tacit, holds the line in quarantine with the reason
-- the reader used to give (naming the column as the file does); a blank agreement is 'unknown'.
-- The same partnership delivered twice (two registry files, two lines) counts once: the later run,
-- then the file whose name sorts last, then the later line.
with partnerships as (
    select * from staging.stg_mdm__partnerships
),

labels as (
    select * from intermediate.int_entity_labels
),

mapped as (
    select
        p.*,
        s.code as section,
        'mdm-' || lower(s.code) as member,
        t.code as partnership_type,
        case when p.agreement_raw is null then 'unknown' else a.code end as agreement,
        c.country_iso2,
        s.code is null as section_unknown,
        t.code is null as type_unknown,
        p.agreement_raw is not null and a.code is null as agreement_unknown,
        concat_ws(', ', s.mapping_line, t.mapping_line, a.mapping_line) as mapping_lines
    from partnerships as p
    left join labels as s on s.label_kind = 'mdm_section' and s.label = p.section_raw and s.on_date is not distinct from p.start_date
    left join labels as t
        on t.label_kind = 'partnership_type' and t.label = p.partnership_type_raw and t.on_date is not distinct from p.start_date
    left join labels as a on a.label_kind = 'agreement_type' and a.label = p.agreement_raw and a.on_date is not distinct from p.start_date
    left join intermediate.int_crosswalk__countries as c on c.label = label_key(p.country_raw)
),

held as (
    select
        *,
        section_unknown or type_unknown or agreement_unknown as held,
        concat_ws('; ',
            case when section_unknown then section_column || ' ''' || section_raw
                || ''' is not a network member (schemas/mappings/mdm_sections.csv)' end,
            case when type_unknown then type_column || ' ''' || partnership_type_raw
                || ''' is not in the partnership typology (schemas/mappings/partnership_types.csv)' end,
            case when agreement_unknown then agreement_column || ' ''' || agreement_raw
                || ''' is neither written nor tacit (schemas/mappings/agreement_types.csv)' end) as held_because,
        concat_ws('|', partner, coalesce(country_iso2, 'ZZ'), section, partnership_type, coalesce(cast(start_date as varchar), ''))
            as partnership_key
    from mapped
),

versions as (
    select
        *,
        row_number() over (partition by partnership_key, held order by run_id desc, source_file desc, source_line desc) as version,
        first_value(source_file || ':' || source_line) over (
            partition by partnership_key, held order by run_id desc, source_file desc, source_line desc) as counted_line
    from held
)

select
    * exclude (version, counted_line),
    not held and version = 1 as counts,
    case
        when held then 'held in quarantine: ' || held_because
        when version > 1 then 'given again (' || counted_line || '), which counts'
    end as left_out_because
from versions

-- test: one counted line per partnership
select partnership_key from intermediate.int_mdm__partnerships where counts group by 1 having count(*) > 1
