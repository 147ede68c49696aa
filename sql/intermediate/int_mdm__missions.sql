-- grain: one row per mission sheet of the lake, with its labels mapped, whether a source test holds it, and whether it is the version that counts
-- depends on: staging.stg_mdm__missions, intermediate.int_entity_labels, intermediate.int_crosswalk__countries
-- Section, status and team roles as the sheet writes them meet schemas/mappings/ (mdm_sections,
-- mission_statuses, team_roles: intermediate.int_entity_labels, at the mission's start date), the
-- country its code list. A section or status no line maps holds the mission, and its patients, in
-- quarantine (the sheet stays in the lake: add the line and rebuild); a role no line maps counts as
-- 'other'. A mission sheet delivered again (another file, or the same one re-sent in another
-- encoding or layout) replaces its earlier version: later run first, then, within a run, the
-- file whose name sorts last; a held version does not replace a counted one.
with missions as (
    select * from staging.stg_mdm__missions
),

labels as (
    select * from intermediate.int_entity_labels
),

team_members as (
    select delivery_sha256, start_date, unnest(map_entries(cast(cast(team_raw as json) as map(varchar, integer)))) as entry
    from missions
    where team_raw is not null
),

team_by_role as (
    select t.delivery_sha256, coalesce(l.code, 'other') as role, sum(t.entry.value) as volunteers
    from team_members as t
    left join labels as l
        on l.label_kind = 'team_role' and l.label = t.entry.key and l.on_date is not distinct from t.start_date
    where t.entry.value > 0
    group by all
),

teams as (
    select delivery_sha256, string_agg(role || ':' || volunteers, ', ' order by role) as team
    from team_by_role
    group by 1
),

mapped as (
    select
        m.*,
        s.code as section,
        'mdm-' || lower(s.code) as member,
        st.code as status,
        c.country_iso2,
        t.team,
        s.mapping_line as section_mapping_line,
        st.mapping_line as status_mapping_line,
        s.code is null as section_unknown,
        st.code is null as status_unknown
    from missions as m
    left join labels as s on s.label_kind = 'mdm_section' and s.label = m.section_raw and s.on_date is not distinct from m.start_date
    left join labels as st on st.label_kind = 'mission_status' and st.label = m.status_raw and st.on_date is not distinct from m.start_date
    left join intermediate.int_crosswalk__countries as c on c.label = label_key(m.country_raw)
    left join teams as t on t.delivery_sha256 = m.delivery_sha256
),

held as (
    select
        *,
        section_unknown or status_unknown as held,
        concat_ws('; ',
            case when section_unknown then 'mission ' || mission_id || ': section ''' || section_raw
                || ''' is not a network section (add it to schemas/mappings/mdm_sections.csv)' end,
            case when status_unknown then 'mission ' || mission_id || ': status ''' || status_raw
                || ''' is not active, transferred or closed' end) as held_because
    from mapped
),

versions as (
    select
        *,
        row_number() over (partition by mission_id, held order by run_id desc, source_file desc) as version,
        first_value(source_file) over (partition by mission_id, held order by run_id desc, source_file desc) as counted_file
    from held
)

select
    * exclude (version, counted_file),
    not held and version = 1 as counts,
    case
        when held then 'held in quarantine: ' || held_because
        when version > 1 then 'replaced by a later delivery of the mission (' || counted_file || ')'
    end as left_out_because,
    case when not held and version > 1 then counted_file end as replaced_by_file
from versions

-- test: one counted version per mission
select mission_id from intermediate.int_mdm__missions where counts group by 1 having count(*) > 1

-- test: reconciles with the lake: every mission sheet has one row
select * from (select count(*) as n from intermediate.int_mdm__missions) as i, (select count(*) as n from staging.stg_mdm__missions) as s
where i.n <> s.n
