-- grain: one row per source family x member x label kind x label as written that no mapping line maps yet in the entity families, with the line to add
-- depends on: intermediate.int_mdm__missions, intermediate.int_mdm__surgical_patients, intermediate.int_mdm__partnerships, intermediate.int_mdm__survey_answers, intermediate.int_mdm__alerts, intermediate.int_reference__advocacy_actions, intermediate.int_reference__targets, intermediate.int_entity_labels
-- The labels of marts.unmapped_figures that are not figures' codes: those that load with a
-- default (a pathology as 'other', a sex as 'unknown', a team role as 'other', a survey answer's
-- section or partner type as null, a country as ZZ) and those whose rows are held in quarantine
-- (a section, a status, a partnership type or agreement, an alert category or level, an advocacy
-- member). figures is the number of rows, periods their dates. A pathology withheld as a keyed
-- hash (not made of clinical words) has no line to add: its suggested line says where to read it.
with labelled as (
    -- missions: section and status (held), roles (other), country (ZZ)
    select 'missions' as source_family, member, 'mdm_section' as code_kind, section_raw as source_code, start_date as on_date,
        source_file, source_line
    from intermediate.int_mdm__missions where section_unknown
    union all
    select 'missions', member, 'mission_status', status_raw, start_date, source_file, source_line
    from intermediate.int_mdm__missions where status_unknown
    union all
    select 'missions', m.member, 'team_role', m.role, m.start_date, m.source_file, m.source_line
    from (select member, start_date, source_file, source_line, unnest(map_keys(cast(cast(team_raw as json) as map(varchar, integer))))
            as role
        from intermediate.int_mdm__missions where team_raw is not null) as m
    inner join intermediate.int_entity_labels as l
        on l.label_kind = 'team_role' and l.label = m.role and l.on_date is not distinct from m.start_date and l.code is null
    union all
    select 'missions', member, 'country', country_raw, start_date, source_file, source_line
    from intermediate.int_mdm__missions where country_iso2 is null
    union all
    -- patients: sex (unknown), pathology (other)
    select 'missions', m.member, 'sex', p.sex_raw, p.mission_start_date, p.source_file, p.source_line
    from intermediate.int_mdm__surgical_patients as p
    inner join intermediate.int_mdm__missions as m on m.delivery_sha256 = p.delivery_sha256 and m.mission_id = p.mission_id
    where p.sex_unmapped
    union all
    select 'missions', m.member, 'pathology', p.pathology_label, p.mission_start_date, p.source_file, p.source_line
    from intermediate.int_mdm__surgical_patients as p
    inner join intermediate.int_mdm__missions as m on m.delivery_sha256 = p.delivery_sha256 and m.mission_id = p.mission_id
    where p.pathology_unmapped
    union all
    -- partnerships: section, type, agreement (held), country (ZZ)
    select 'partnerships', member, 'mdm_section', section_raw, start_date, source_file, source_line
    from intermediate.int_mdm__partnerships where section_unknown
    union all
    select 'partnerships', member, 'partnership_type', partnership_type_raw, start_date, source_file, source_line
    from intermediate.int_mdm__partnerships where type_unknown
    union all
    select 'partnerships', member, 'agreement_type', agreement_raw, start_date, source_file, source_line
    from intermediate.int_mdm__partnerships where agreement_unknown
    union all
    select 'partnerships', member, 'country', country_raw, start_date, source_file, source_line
    from intermediate.int_mdm__partnerships where country_iso2 is null
    union all
    -- survey: section, partner type (null), country (ZZ); one row per submission
    select distinct 'partnerships', member, 'mdm_section', section_raw, submission_date, source_file, source_line
    from intermediate.int_mdm__survey_answers where section_unmapped
    union all
    select distinct 'partnerships', member, 'partnership_type', partner_type_raw, submission_date, source_file, source_line
    from intermediate.int_mdm__survey_answers where partner_type_unmapped
    union all
    select distinct 'partnerships', member, 'country', country_raw, submission_date, source_file, source_line
    from intermediate.int_mdm__survey_answers where country_unknown
    union all
    -- alerts: category, level, section (held), country (ZZ)
    select 'partnerships', member, 'alert_category', category_raw, date_raised, source_file, source_line
    from intermediate.int_mdm__alerts where category_unknown
    union all
    select 'partnerships', member, 'alert_level', level_raw, date_raised, source_file, source_line
    from intermediate.int_mdm__alerts where level_unknown
    union all
    select 'partnerships', member, 'mdm_section', section_raw, date_raised, source_file, source_line
    from intermediate.int_mdm__alerts where section_unknown
    union all
    select 'partnerships', member, 'country', country_raw, date_raised, source_file, source_line
    from intermediate.int_mdm__alerts where country_iso2 is null
    union all
    -- reference: advocacy members, targets' members and countries (held)
    select 'reference', null, 'organisation', member_raw, action_date, source_file, source_line
    from intermediate.int_reference__advocacy_actions where member is null
    union all
    select 'reference', null, 'organisation', member_raw, make_date(year, 1, 1), source_file, source_line
    from intermediate.int_reference__targets where member_raw is not null and member is null
    union all
    select 'reference', member, 'country', country_raw, make_date(year, 1, 1), source_file, source_line
    from intermediate.int_reference__targets where country_raw is not null and country_iso2 is null
),

codes as (
    select
        source_family,
        member,
        code_kind,
        source_code,
        count(*) as figures,
        count(distinct source_file) as files,
        min(on_date) as first_period_start,
        max(on_date) as last_period_end,
        min({'file': source_file, 'line': source_line}) as example
    from labelled
    group by all
),

suggested as (
    select
        -- ids
        source_family,
        member,
        code_kind,
        source_code,
        source_code as source_label,
        -- figures (here: rows)
        figures,
        files,
        strftime(first_period_start, '%Y-%m-%d') as first_period,
        strftime(last_period_end, '%Y-%m-%d') as last_period,
        first_period_start,
        last_period_end,
        example.file as example_file,
        example.line as example_line,
        -- the line to add
        case
            when code_kind = 'pathology' and regexp_full_match(source_code, 'h_[0-9a-f]{32}') then 'schemas/readers/clinical_words.csv'
            when code_kind = 'country' then 'schemas/codes/country_aliases.csv'
            else 'schemas/mappings/' || case code_kind
                when 'mdm_section' then 'mdm_sections' when 'mission_status' then 'mission_statuses'
                when 'team_role' then 'team_roles' when 'sex' then 'sex_labels' when 'pathology' then 'pathologies'
                when 'partnership_type' then 'partnership_types' when 'agreement_type' then 'agreement_types'
                when 'alert_category' then 'alert_categories' when 'alert_level' then 'alert_levels'
                when 'organisation' then 'organisations' end || '.csv'
        end as mapping_file,
        case
            when code_kind = 'pathology' and regexp_full_match(source_code, 'h_[0-9a-f]{32}') then
                'the pathology is withheld (it is not made of clinical words: it may hold a name or a number): read it in '
                    || example.file || ' at line ' || example.line || '; a clinical label: add its words to'
                    || ' schemas/readers/clinical_words.csv and run again; anything else: have the sheet corrected'
            when code_kind = 'country' then csv_quote(source_code) || ',<iso2>'
            when code_kind = 'organisation' then csv_quote(source_code) || ',<member_code>,<org_unit>,<country_iso2>,,,'
            when code_kind = 'alert_category' then csv_quote(source_code) || ',<category code>,<red|orange>,,,'
            else csv_quote(source_code) || ',' || case code_kind
                when 'mdm_section' then '<section code: FR, NL, JP, DE...>'
                when 'mission_status' then '<active|transferred|closed>'
                when 'team_role' then '<role code>'
                when 'sex' then '<female|male|unknown>'
                when 'pathology' then '<cleft|burn|tumour|other>'
                when 'partnership_type' then '<partnership type code>'
                when 'agreement_type' then '<written|tacit>'
                when 'alert_level' then '<red|orange>'
            end || ',,,'
        end as suggested_line
    from codes
)

select * from suggested

-- test: every label names its mapping file and a line to add
select * from intermediate.int_entity_unmapped where mapping_file is null or suggested_line is null
