-- grain: one row per source family x member x source code the crosswalk does not map yet, with the line to add
-- depends on: intermediate.int_unmapped_code_deliveries, intermediate.int_entity_unmapped
-- The codes of marts.unmapped_figures: measures no line maps (a column header, an HXL hashtag or
-- attribute, a DHIS2 data element), DHIS2 category options of cells that count in their element's
-- totals only, and organisations not in schemas/mappings/organisations.csv; and the labels of the
-- entity families no line maps yet (intermediate.int_entity_unmapped: pathologies, sexes, roles,
-- sections, types, categories...).
with codes as (
    -- the deliveries' counts added up (intermediate.int_unmapped_code_deliveries)
    select
        source_family,
        member,
        code_kind,
        source_code,
        min(source_label) as source_label,
        min(table_kind) as table_kind,
        cast(sum(figures) as bigint) as figures,
        min(first_period_start) as first_period_start,
        max(last_period_end) as last_period_end,
        min(first_period) as first_period,
        max(last_period) as last_period,
        count(distinct source_file) as files,
        min(source_file) as example_file,
        min(example_line) as example_line
    from intermediate.int_unmapped_code_deliveries
    group by source_family, member, code_kind, source_code
),

suggested as (
    select
        -- ids
        source_family,
        member,
        code_kind,
        source_code,
        source_label,
        -- figures
        figures,
        files,
        first_period,
        last_period,
        first_period_start,
        last_period_end,
        example_file,
        example_line,
        -- the line to add
        case code_kind
            when 'column' then 'schemas/mappings/samusocial_columns.csv'
            when 'hxl_tag' then 'schemas/mappings/hxl_tags.csv'
            when 'hxl_attribute' then 'schemas/mappings/hxl_attributes.csv'
            when 'dhis2_element' then 'schemas/mappings/dhis2_data_elements.csv'
            when 'dhis2_option' then 'schemas/mappings/dhis2_category_options.csv'
            when 'organisation' then 'schemas/mappings/organisations.csv'
        end as mapping_file,
        case code_kind
            when 'column' then
                (case table_kind when 'training_list' then 'training' when 'survey_export' then 'survey' else 'report' end) || ',' || source_code
                    || ',<metric_code>,,,,,' || csv_quote(coalesce(source_label, ''))
            when 'hxl_tag' then source_code || ',,<metric_code>,,,' || csv_quote(coalesce(source_label, ''))
            when 'hxl_attribute' then source_code || ',<sex|age_group|sector|population_group|ignore>,<code>,,,'
            when 'dhis2_element' then source_code || ',<metric_code>,,,' || csv_quote(coalesce(source_label, ''))
            when 'dhis2_option' then
                regexp_extract(source_code, '\(([^()]*)\)$', 1) || ',,' || csv_quote(regexp_replace(source_code, ' \([^()]*\)$', ''))
                    || ',<sex|age|other>,<common_code>,<true|false>,,,'
            when 'organisation' then csv_quote(source_code) || ',<member_code>,<org_unit>,<country_iso2>,,,'
        end as suggested_line
    from codes
)

select * from suggested
union all by name
select * from intermediate.int_entity_unmapped

-- test: every code names its mapping file and a line to add
select * from intermediate.int_unmapped_codes where mapping_file is null or suggested_line is null
