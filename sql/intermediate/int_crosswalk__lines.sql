-- grain: one row per line of a mapping file of the crosswalk that figures are mapped by, with its validity
-- depends on: ref.samusocial_columns, ref.hxl_tags, ref.hxl_attributes, ref.dhis2_data_elements, ref.dhis2_category_options, ref.dhis2_members, ref.organisations, ref.metrics, ref.sexes, ref.age_groups
-- The crosswalk's lines in one shape: the file and line (what indicator_sources and explain name),
-- what the line matches (its key, by kind), what it maps to, and the dates of the figures it
-- applies to. Blank cells are null; dates are checked by the tests below.
with samusocial_columns as (
    select
        'schemas/mappings/samusocial_columns.csv' as mapping_file, line_number,
        'column' as line_kind, cast(kind as varchar) as match_kind, label_key(cast(alias as varchar)) as match_key,
        nullif(trim(cast(metric as varchar)), '') as metric_code,
        nullif(trim(cast(sex as varchar)), '') as sex,
        nullif(trim(cast(age_group as varchar)), '') as age_group,
        cast(null as varchar) as dimension, cast(null as varchar) as code, cast(null as varchar) as member_code,
        cast(null as varchar) as org_unit, cast(null as varchar) as country_iso2, cast(null as varchar) as required_attributes,
        cast(null as boolean) as comparable,
        cast(valid_from as varchar) as valid_from_text, cast(valid_to as varchar) as valid_to_text
    from ref.samusocial_columns
),

hxl_tags as (
    select
        'schemas/mappings/hxl_tags.csv', line_number, 'hxl_tag', null, lower(trim(cast(hashtag as varchar))),
        nullif(trim(cast(metric as varchar)), ''), null, null, null, null, null, null, null,
        lower(replace(coalesce(cast(required_attributes as varchar), ''), ' ', '')), null,
        cast(valid_from as varchar), cast(valid_to as varchar)
    from ref.hxl_tags
),

hxl_attributes as (
    select
        'schemas/mappings/hxl_attributes.csv', line_number, 'hxl_attribute', null, lower(trim(cast(attribute as varchar))),
        null, null, null, lower(trim(cast(dimension as varchar))), nullif(trim(cast(code as varchar)), ''), null, null, null, null,
        null, cast(valid_from as varchar), cast(valid_to as varchar)
    from ref.hxl_attributes
),

dhis2_data_elements as (
    select
        'schemas/mappings/dhis2_data_elements.csv', line_number, 'dhis2_element', null, trim(cast(data_element as varchar)),
        nullif(trim(cast(metric_code as varchar)), ''), null, null, null, null, null, null, null, null, null,
        cast(valid_from as varchar), cast(valid_to as varchar)
    from ref.dhis2_data_elements
),

dhis2_options_by_uid as (
    select
        'schemas/mappings/dhis2_category_options.csv', line_number, 'dhis2_option', 'uid', trim(cast(option_uid as varchar)),
        null, null, null, lower(trim(cast(dimension as varchar))), nullif(trim(cast(common_code as varchar)), ''), null, null, null,
        null, try_cast(comparable as boolean), cast(valid_from as varchar), cast(valid_to as varchar)
    from ref.dhis2_category_options
    where nullif(trim(cast(option_uid as varchar)), '') is not null
),

dhis2_options_by_code as (
    select
        'schemas/mappings/dhis2_category_options.csv', line_number, 'dhis2_option', 'code', lower(trim(cast(option_code as varchar))),
        null, null, null, lower(trim(cast(dimension as varchar))), nullif(trim(cast(common_code as varchar)), ''), null, null, null,
        null, try_cast(comparable as boolean), cast(valid_from as varchar), cast(valid_to as varchar)
    from ref.dhis2_category_options
    where nullif(trim(cast(option_code as varchar)), '') is not null
),

dhis2_options_by_name as (
    select
        'schemas/mappings/dhis2_category_options.csv', line_number, 'dhis2_option', 'name', option_key(cast(option_name as varchar)),
        null, null, null, lower(trim(cast(dimension as varchar))), nullif(trim(cast(common_code as varchar)), ''), null, null, null,
        null, try_cast(comparable as boolean), cast(valid_from as varchar), cast(valid_to as varchar)
    from ref.dhis2_category_options
    where nullif(trim(cast(option_name as varchar)), '') is not null
),

dhis2_members as (
    select
        'schemas/mappings/dhis2_members.csv', line_number, 'dhis2_member', null, trim(cast(org_unit as varchar)),
        null, null, null, null, null, nullif(trim(cast(member_code as varchar)), ''), null, null, null, null,
        cast(valid_from as varchar), cast(valid_to as varchar)
    from ref.dhis2_members
),

organisations as (
    select
        'schemas/mappings/organisations.csv', line_number, 'organisation', null, label_key(cast(alias as varchar)),
        null, null, null, null, null, nullif(trim(cast(member_code as varchar)), ''),
        nullif(trim(cast(org_unit as varchar)), ''), upper(nullif(trim(cast(country_iso2 as varchar)), '')), null, null,
        cast(valid_from as varchar), cast(valid_to as varchar)
    from ref.organisations
),

lines as (
    select * from samusocial_columns
    union all select * from hxl_tags
    union all select * from hxl_attributes
    union all select * from dhis2_data_elements
    union all select * from dhis2_options_by_uid
    union all select * from dhis2_options_by_code
    union all select * from dhis2_options_by_name
    union all select * from dhis2_members
    union all select * from organisations
),

dated as (
    select
        * exclude (valid_from_text, valid_to_text),
        mapping_file || ':' || line_number as mapping_line,
        mapping_date(valid_from_text) as valid_from,
        mapping_date(valid_to_text) as valid_to,
        valid_from_text,
        valid_to_text
    from lines
)

select * from dated

-- test: valid_from and valid_to are dates (yyyy-mm-dd) when given
select mapping_line, valid_from_text, valid_to_text from intermediate.int_crosswalk__lines
where (nullif(trim(valid_from_text), '') is not null and valid_from is null)
    or (nullif(trim(valid_to_text), '') is not null and valid_to is null)

-- test: valid_to is not before valid_from
select mapping_line from intermediate.int_crosswalk__lines where valid_to < valid_from

-- test: every metric a line maps to is in the code list
select mapping_line, metric_code from intermediate.int_crosswalk__lines
where metric_code is not null and metric_code not in (select metric_code from ref.metrics)

-- test: HXL attributes and DHIS2 options say which dimension they are
select mapping_line, dimension from intermediate.int_crosswalk__lines
where (line_kind = 'hxl_attribute' and dimension not in ('sex', 'age_group', 'sector', 'population_group', 'ignore'))
    or (line_kind = 'dhis2_option' and dimension not in ('sex', 'age', 'other'))

-- test: sexes and age groups a line maps to are in the code lists
select mapping_line, sex, age_group, dimension, code from intermediate.int_crosswalk__lines
where (sex is not null and sex not in (select sex from ref.sexes))
    or (age_group is not null and age_group not in (select age_group from ref.age_groups))
    or (dimension = 'sex' and code not in (select sex from ref.sexes))
    or (line_kind = 'hxl_attribute' and dimension = 'age_group' and code not in (select age_group from ref.age_groups))
    or (line_kind = 'dhis2_option' and dimension = 'age' and code not in (select age_group from ref.age_groups))

-- test: a DHIS2 age option's comparable flag agrees with the age group's (schemas/codes/age_groups.csv)
select l.mapping_line, l.code, l.comparable, a.comparable as age_group_comparable
from intermediate.int_crosswalk__lines as l
inner join ref.age_groups as a on a.age_group = l.code
where l.line_kind = 'dhis2_option' and l.dimension = 'age' and l.comparable is not null and l.comparable <> a.comparable

-- test: a DHIS2 option line names its option (uid, code or name)
select line_number from ref.dhis2_category_options
where nullif(trim(cast(option_uid as varchar)), '') is null and nullif(trim(cast(option_code as varchar)), '') is null
    and nullif(trim(cast(option_name as varchar)), '') is null
