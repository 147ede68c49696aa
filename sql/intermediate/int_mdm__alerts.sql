-- grain: one row per red/orange-line alert of the alert logs of the lake, with category, level and section mapped, whether a source test holds it, and whether it counts
-- depends on: staging.stg_mdm__alerts, intermediate.int_entity_labels, intermediate.int_crosswalk__countries
-- Category, level and section as the log writes them meet schemas/mappings/ (alert_categories,
-- alert_levels, mdm_sections) at the day the alert was raised. The level of an alert is its
-- category's; a category that is no red or orange line, a level that is neither or contradicts the
-- category, or a section no line maps holds the alert in quarantine with the reason the reader
-- used to give. An alert id given twice keeps one alert: the later line of a log, the later log
-- (later run, then the file whose name sorts last) of a log re-sent (another encoding, another
-- name); a held alert does not replace a counted one. An alert without id is its file and line.
with alerts as (
    select * from staging.stg_mdm__alerts
),

labels as (
    select * from intermediate.int_entity_labels
),

mapped as (
    select
        a.*,
        k.code as category,
        k.dimension as level,
        w.code as level_written,
        s.code as section,
        case when s.code is not null then 'mdm-' || lower(s.code) end as member,
        c.country_iso2,
        k.code is null as category_unknown,
        a.level_raw is not null and w.code is null as level_unknown,
        k.code is not null and w.code is not null and w.code <> k.dimension as level_contradicts,
        a.section_raw is not null and s.code is null as section_unknown,
        concat_ws(', ', k.mapping_line, w.mapping_line, s.mapping_line) as mapping_lines
    from alerts as a
    left join labels as k on k.label_kind = 'alert_category' and k.label = a.category_raw and k.on_date is not distinct from a.date_raised
    left join labels as w on w.label_kind = 'alert_level' and w.label = a.level_raw and w.on_date is not distinct from a.date_raised
    left join labels as s on s.label_kind = 'mdm_section' and s.label = a.section_raw and s.on_date is not distinct from a.date_raised
    left join intermediate.int_crosswalk__countries as c on c.label = label_key(a.country_raw)
),

held as (
    select
        *,
        category_unknown or level_unknown or level_contradicts or section_unknown as held,
        concat_ws('; ',
            case when category_unknown then category_column || ' ''' || category_raw
                || ''' is not a red or orange line (schemas/mappings/alert_categories.csv)' end,
            case when level_unknown then level_column || ' ''' || level_raw || ''' is not red or orange' end,
            case when level_contradicts then level_column || ' ''' || level_raw || ''' contradicts category ''' || category_raw
                || ''', which is a ' || level || ' line' end,
            case when section_unknown then section_column || ' ''' || section_raw
                || ''' is not a network member (schemas/mappings/mdm_sections.csv)' end) as held_because
    from mapped
),

versions as (
    select
        *,
        row_number() over (partition by alert_key, held order by run_id desc, source_file desc, source_line desc) as version,
        first_value(delivery_sha256) over (
            partition by alert_key, held order by run_id desc, source_file desc, source_line desc) as counted_delivery,
        first_value(source_file) over (partition by alert_key, held order by run_id desc, source_file desc, source_line desc)
            as counted_file,
        first_value(source_line) over (partition by alert_key, held order by run_id desc, source_file desc, source_line desc)
            as counted_line
    from held
)

select
    * exclude (version, counted_delivery, counted_file, counted_line),
    not held and version = 1 as counts,
    case
        when held then 'held in quarantine: ' || held_because
        when version > 1 and counted_delivery = delivery_sha256 then
            'alert ' || alert_id || ' is given again further down the log (line ' || counted_line || '), which counts'
        when version > 1 then 'alert ' || alert_id || ' is given again in ' || counted_file || ' (line ' || counted_line
            || '), which counts'
    end as left_out_because,
    case when not held and version > 1 then counted_file end as replaced_by_file,
    case when not held and version > 1 then counted_line end as replaced_by_line
from versions

-- test: one counted alert per alert key
select alert_key from intermediate.int_mdm__alerts where counts group by 1 having count(*) > 1
