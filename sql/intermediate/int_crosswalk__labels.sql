-- grain: one row per line of a label mapping file of the entity families (missions, partnerships, alerts, survey, advocacy, targets), with its validity
-- depends on: ref.agreement_types, ref.alert_categories, ref.alert_levels, ref.mdm_sections, ref.mission_statuses, ref.partnership_types, ref.pathologies, ref.sex_labels, ref.team_roles, ref.sexes, ref.members
-- The labels members write (a section, a status, a team role, a sex, a pathology, a partnership
-- or agreement type, an alert category or level) and the network code each line maps them to, in
-- the shape of intermediate.int_crosswalk__lines: the file and line (mapping_line), what the line
-- matches (match_key: the label's label_key, as the readers' Labels.normalise), what it maps to
-- (code; for an alert category, dimension is the line it belongs to: red or orange), and the
-- dates of the rows it applies to (the entity's own date: mission start, partnership start, alert
-- raised, submission, action date). Blank cells are null; a label of punctuation only ('?') has
-- an empty key, and matches the labels of punctuation only.
with labels as (
    select 'schemas/mappings/agreement_types.csv' as mapping_file, line_number, 'agreement_type' as line_kind,
        cast(label as varchar) as label, cast(code as varchar) as code, cast(null as varchar) as dimension,
        cast(valid_from as varchar) as valid_from_text, cast(valid_to as varchar) as valid_to_text
    from ref.agreement_types
    union all
    select 'schemas/mappings/alert_categories.csv', line_number, 'alert_category', cast(label as varchar), cast(code as varchar),
        lower(trim(cast(level as varchar))), cast(valid_from as varchar), cast(valid_to as varchar)
    from ref.alert_categories
    union all
    select 'schemas/mappings/alert_levels.csv', line_number, 'alert_level', cast(label as varchar), cast(code as varchar), null,
        cast(valid_from as varchar), cast(valid_to as varchar)
    from ref.alert_levels
    union all
    select 'schemas/mappings/mdm_sections.csv', line_number, 'mdm_section', cast(label as varchar), upper(trim(cast(code as varchar))),
        null, cast(valid_from as varchar), cast(valid_to as varchar)
    from ref.mdm_sections
    union all
    select 'schemas/mappings/mission_statuses.csv', line_number, 'mission_status', cast(label as varchar), cast(code as varchar), null,
        cast(valid_from as varchar), cast(valid_to as varchar)
    from ref.mission_statuses
    union all
    select 'schemas/mappings/partnership_types.csv', line_number, 'partnership_type', cast(label as varchar), cast(code as varchar),
        null, cast(valid_from as varchar), cast(valid_to as varchar)
    from ref.partnership_types
    union all
    select 'schemas/mappings/pathologies.csv', line_number, 'pathology', cast(label as varchar), cast(code as varchar), null,
        cast(valid_from as varchar), cast(valid_to as varchar)
    from ref.pathologies
    union all
    select 'schemas/mappings/sex_labels.csv', line_number, 'sex', cast(label as varchar), cast(code as varchar), null,
        cast(valid_from as varchar), cast(valid_to as varchar)
    from ref.sex_labels
    union all
    select 'schemas/mappings/team_roles.csv', line_number, 'team_role', cast(label as varchar), cast(code as varchar), null,
        cast(valid_from as varchar), cast(valid_to as varchar)
    from ref.team_roles
),

shaped as (
    select
        mapping_file,
        line_number,
        line_kind,
        cast(null as varchar) as match_kind,
        label_key(label) as match_key,
        cast(null as varchar) as metric_code,
        cast(null as varchar) as sex,
        cast(null as varchar) as age_group,
        dimension,
        nullif(trim(code), '') as code,
        cast(null as varchar) as member_code,
        cast(null as varchar) as org_unit,
        cast(null as varchar) as country_iso2,
        cast(null as varchar) as required_attributes,
        cast(null as boolean) as comparable,
        mapping_file || ':' || line_number as mapping_line,
        mapping_date(valid_from_text) as valid_from,
        mapping_date(valid_to_text) as valid_to,
        valid_from_text,
        valid_to_text
    from labels
)

select * from shaped

-- test: valid_from and valid_to are dates (yyyy-mm-dd) when given
select mapping_line, valid_from_text, valid_to_text from intermediate.int_crosswalk__labels
where (nullif(trim(valid_from_text), '') is not null and valid_from is null)
    or (nullif(trim(valid_to_text), '') is not null and valid_to is null)

-- test: valid_to is not before valid_from
select mapping_line from intermediate.int_crosswalk__labels where valid_to < valid_from

-- test: every line maps to a code
select mapping_line from intermediate.int_crosswalk__labels where code is null

-- test: two lines of a file that match the same label on the same dates map it alike
select a.mapping_line, b.mapping_line as conflicting_line, a.match_key, a.code, b.code as other_code
from intermediate.int_crosswalk__labels as a
inner join intermediate.int_crosswalk__labels as b
    on b.mapping_file = a.mapping_file and b.match_key = a.match_key and b.line_number > a.line_number
    and b.valid_from is not distinct from a.valid_from and b.valid_to is not distinct from a.valid_to
where b.code <> a.code or b.dimension is distinct from a.dimension

-- test: codes are in the code lists (sexes; statuses; pathologies; red and orange; agreements)
select mapping_line, code, dimension from intermediate.int_crosswalk__labels
where (line_kind = 'sex' and code not in (select sex from ref.sexes))
    or (line_kind = 'mission_status' and code not in ('active', 'transferred', 'closed'))
    or (line_kind = 'pathology' and code not in ('cleft', 'burn', 'tumour', 'other'))
    or (line_kind = 'alert_level' and code not in ('red', 'orange'))
    or (line_kind = 'alert_category' and dimension not in ('red', 'orange'))
    or (line_kind = 'agreement_type' and code not in ('written', 'tacit'))

-- test: a section is a member of the member list
select mapping_line, code from intermediate.int_crosswalk__labels
where line_kind = 'mdm_section' and 'mdm-' || lower(code) not in (select member_code from ref.members)
