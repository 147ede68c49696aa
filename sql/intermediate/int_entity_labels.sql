-- grain: one row per label kind x label as written x date of the entity families' rows (missions, patients, partnerships, alerts, survey, advocacy, targets), with the code it maps to and the line that did it
-- depends on: staging.stg_mdm__missions, staging.stg_mdm__surgical_patients, staging.stg_mdm__partnerships, staging.stg_mdm__alerts, staging.stg_mdm__partner_survey_answers, staging.stg_reference__advocacy_actions, staging.stg_reference__targets, intermediate.int_crosswalk__labels, intermediate.int_crosswalk__lines
-- The readers keep each label as the member wrote it; this is where it meets the network's code.
-- Each label is mapped once per distinct (kind, label, date), never per row, then joined back by
-- the entity models: the line that applies is the most specific one whose dates hold for the
-- entity's own date (mission start, for its patients too; partnership start; alert raised;
-- submission; action date; 1 January of a target's year): a later valid_from first, then the later
-- line of the file. A label no line maps has a null code (each entity says what that means: a
-- default, or a row held in quarantine). Members of the advocacy log and the targets are tried as
-- an MdM section, then as an organisation of schemas/mappings/organisations.csv.
with missions as (
    select delivery_sha256, mission_id, start_date, section_raw, status_raw, team_raw from staging.stg_mdm__missions
),

wanted as (
    select 'mdm_section' as label_kind, section_raw as label, start_date as on_date from missions
    union
    select 'mission_status', status_raw, start_date from missions
    union
    select 'team_role', unnest(map_keys(cast(cast(team_raw as json) as map(varchar, integer)))), start_date
    from missions where team_raw is not null
    union
    select 'sex', p.sex_raw, m.start_date
    from staging.stg_mdm__surgical_patients as p
    inner join missions as m on m.delivery_sha256 = p.delivery_sha256 and m.mission_id = p.mission_id
    where p.sex_raw is not null
    union
    select 'pathology', p.pathology_label, m.start_date
    from staging.stg_mdm__surgical_patients as p
    inner join missions as m on m.delivery_sha256 = p.delivery_sha256 and m.mission_id = p.mission_id
    where p.pathology_label is not null
    union
    select 'mdm_section', section_raw, start_date from staging.stg_mdm__partnerships
    union
    select 'partnership_type', partnership_type_raw, start_date from staging.stg_mdm__partnerships
    union
    select 'agreement_type', agreement_raw, start_date from staging.stg_mdm__partnerships where agreement_raw is not null
    union
    select 'alert_category', category_raw, date_raised from staging.stg_mdm__alerts
    union
    select 'alert_level', level_raw, date_raised from staging.stg_mdm__alerts where level_raw is not null
    union
    select 'mdm_section', section_raw, date_raised from staging.stg_mdm__alerts where section_raw is not null
    union
    select 'mdm_section', section_raw, submission_date from staging.stg_mdm__partner_survey_answers where section_raw is not null
    union
    select 'partnership_type', partner_type_raw, submission_date from staging.stg_mdm__partner_survey_answers
    where partner_type_raw is not null
    union
    select 'mdm_section', member_raw, action_date from staging.stg_reference__advocacy_actions
    union
    select 'organisation', member_raw, action_date from staging.stg_reference__advocacy_actions
    union
    select 'mdm_section', member_raw, make_date(year, 1, 1) from staging.stg_reference__targets where member_raw is not null
    union
    select 'organisation', member_raw, make_date(year, 1, 1) from staging.stg_reference__targets where member_raw is not null
),

label_lines as (
    select
        w.label_kind, w.label, w.on_date, l.code, l.dimension, l.mapping_line
    from wanted as w
    left join intermediate.int_crosswalk__labels as l
        on l.line_kind = w.label_kind and l.match_key = label_key(w.label) and mapping_applies(l.valid_from, l.valid_to, w.on_date)
    where w.label_kind <> 'organisation'
    qualify row_number() over (
        partition by w.label_kind, w.label, w.on_date order by l.valid_from desc nulls last, l.line_number desc) = 1
),

organisation_lines as (
    select
        w.label_kind, w.label, w.on_date, l.member_code as code, cast(null as varchar) as dimension, l.mapping_line
    from wanted as w
    left join intermediate.int_crosswalk__lines as l
        on l.line_kind = 'organisation' and l.match_key = label_key(w.label) and mapping_applies(l.valid_from, l.valid_to, w.on_date)
    where w.label_kind = 'organisation'
    qualify row_number() over (
        partition by w.label_kind, w.label, w.on_date order by l.valid_from desc nulls last, l.line_number desc) = 1
),

mapped as (
    select * from label_lines
    union all
    select * from organisation_lines
)

select * from mapped

-- test: one row per kind, label and date
select label_kind, label, on_date from intermediate.int_entity_labels group by all having count(*) > 1

-- test: a mapped label names its line
select * from intermediate.int_entity_labels where code is not null and mapping_line is null
