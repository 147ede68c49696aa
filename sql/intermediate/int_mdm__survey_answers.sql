-- grain: one row per partner-survey submission x score question of the lake, with country, section and partner type mapped, and whether it counts
-- depends on: staging.stg_mdm__partner_survey_answers, intermediate.int_entity_labels, intermediate.int_crosswalk__countries
-- Country, section and partner type as the export gives them meet the code lists and
-- schemas/mappings/ (mdm_sections, partnership_types) at the submission date; what no line maps
-- stays null and the answer counts (marts.unmapped_figures lists the label). A submission
-- exported again (a later export, or the same one re-sent) replaces its earlier version: the later
-- run, then the file whose name sorts last.
with answers as (
    select * from staging.stg_mdm__partner_survey_answers
),

labels as (
    select * from intermediate.int_entity_labels
),

mapped as (
    select
        a.*,
        c.country_iso2,
        s.code as section,
        case when s.code is not null then 'mdm-' || lower(s.code) end as member,
        t.code as partner_type,
        a.country_raw is not null and c.country_iso2 is null as country_unknown,
        a.section_raw is not null and s.code is null as section_unmapped,
        a.partner_type_raw is not null and t.code is null as partner_type_unmapped,
        dense_rank() over (partition by a.uuid order by a.run_id desc, a.source_file desc) as version,
        first_value(a.source_file) over (partition by a.uuid order by a.run_id desc, a.source_file desc) as counted_file
    from answers as a
    left join labels as s on s.label_kind = 'mdm_section' and s.label = a.section_raw and s.on_date is not distinct from a.submission_date
    left join labels as t
        on t.label_kind = 'partnership_type' and t.label = a.partner_type_raw and t.on_date is not distinct from a.submission_date
    left join intermediate.int_crosswalk__countries as c on c.label = label_key(a.country_raw)
)

select
    * exclude (version, counted_file),
    version = 1 as counts,
    case when version > 1 then 'exported again in ' || counted_file || ', which counts' end as left_out_because,
    case when version > 1 then counted_file end as replaced_by_file
from mapped

-- test: one counted row per submission and score question
select uuid, score_item from intermediate.int_mdm__survey_answers where counts group by all having count(*) > 1
