-- grain: one row per advocacy action of the advocacy logs of the lake, with its member mapped, whether a source test holds it, and whether it counts
-- depends on: staging.stg_reference__advocacy_actions, intermediate.int_entity_labels
-- The member as the log writes it is an MdM section (schemas/mappings/mdm_sections.csv: "MdM
-- Belgique" is mdm-be) or else an organisation of schemas/mappings/organisations.csv, at the
-- action's date; a member neither knows holds the action in quarantine. The same action delivered
-- twice counts once: the later run, then the file whose name sorts last, then the later line.
with actions as (
    select * from staging.stg_reference__advocacy_actions
),

labels as (
    select * from intermediate.int_entity_labels
),

mapped as (
    select
        a.*,
        coalesce('mdm-' || lower(s.code), o.code) as member,
        coalesce(s.mapping_line, o.mapping_line) as member_mapping_line
    from actions as a
    left join labels as s on s.label_kind = 'mdm_section' and s.label = a.member_raw and s.on_date is not distinct from a.action_date
    left join labels as o on o.label_kind = 'organisation' and o.label = a.member_raw and o.on_date is not distinct from a.action_date
),

held as (
    select
        *,
        member is null as held,
        case when member is null then 'member ''' || member_raw || ''' is not a network member: add its spelling to'
            || ' schemas/mappings/mdm_sections.csv (MdM sections) or schemas/mappings/organisations.csv' end as held_because,
        md5(concat_ws('|', member, cast(action_date as varchar), theme, coalesce(description, ''))) as advocacy_action_key
    from mapped
),

versions as (
    select
        *,
        row_number() over (partition by advocacy_action_key, held order by run_id desc, source_file desc, source_line desc)
            as version
    from held
)

select
    * exclude (version),
    not held and version = 1 as counts,
    case when held then 'held in quarantine: ' || held_because when version > 1 then 'given again, a later line counts' end
        as left_out_because
from versions

-- test: one counted row per action
select advocacy_action_key from intermediate.int_reference__advocacy_actions where counts group by 1 having count(*) > 1
