-- grain: one row per delivery and code its figures are given under (scheme, measure, table kind, period start, breakdown, organisation code and name, country, sector), with the crosswalk applied: the common metric, member, place and breakdown it maps to, and the mapping lines that did it
-- depends on: staging.stg_lake__figures, staging.stg_dhis2__metadata, intermediate.int_crosswalk__lines, intermediate.int_crosswalk__countries, intermediate.int_dhis2__org_units, intermediate.int_dhis2__unit_members
-- incremental: delivery_sha256 from staging.stg_lake__figures
-- The readers keep each source's own words; this is where they meet the network's codes
-- (intermediate.int_figures__mapped joins the result back to each figure). A delivery's codes are
-- mapped apart from other deliveries', so that a crosswalk change is found, by delivery, in this
-- small table, and only the figures of the deliveries it changes are mapped again in an incremental
-- build. Each code is mapped once per distinct (code, period start), never per figure: the
-- line of the crosswalk that applies is the most specific one whose dates hold for the figure's
-- period (a later valid_from first, then the later line of the file). A figure whose measure no
-- line maps is 'unmapped' (marts.unmapped_figures lists it, it counts in no indicator); a line
-- with a blank metric maps it on purpose to none ('ignored').
with figures as (
    -- each delivery's distinct codes: the crosswalk maps them, not each figure
    select distinct delivery_sha256, measure_scheme, measure, table_kind, period_start, breakdown, org_code, org_name, country, sector
    from staging.stg_lake__figures
),

lines as (
    select * from intermediate.int_crosswalk__lines
),

-- activity tables: the normalised header, by table kind; a line of the table's kind wins over 'any'
column_keys as (
    select distinct measure, table_kind, period_start from figures where measure_scheme = 'column'
),

column_measures as (
    select 'column' as scheme, k.measure, k.table_kind, k.period_start, l.metric_code, l.sex, l.age_group, l.mapping_line
    from column_keys as k
    inner join lines as l
        on l.line_kind = 'column' and l.match_key = k.measure
        and (l.match_kind = 'any' or l.match_kind = case k.table_kind when 'training_list' then 'training' when 'survey_export' then 'survey' else 'report' end)
        and mapping_applies(l.valid_from, l.valid_to, k.period_start)
    qualify row_number() over (
        partition by k.measure, k.table_kind, k.period_start
        order by (l.match_kind <> 'any') desc, l.valid_from desc nulls last, l.line_number desc) = 1
),

-- HXL: the hashtag line requiring the most of the column's attributes, then each other attribute
hxl_keys as (
    select
        measure,
        period_start,
        lower(split_part(measure, '+', 1)) as hashtag,
        list_filter(list_slice(string_split(measure, '+'), 2, length(string_split(measure, '+'))), a -> a <> '') as attributes
    from (select distinct measure, period_start from figures where measure_scheme = 'hxl')
),

hxl_tag_candidates as (
    select
        k.measure, k.period_start, k.attributes, l.metric_code, l.mapping_line, l.valid_from, l.line_number,
        list_filter(string_split(coalesce(l.required_attributes, ''), '+'), a -> a <> '') as required
    from hxl_keys as k
    inner join lines as l
        on l.line_kind = 'hxl_tag' and l.match_key = k.hashtag and mapping_applies(l.valid_from, l.valid_to, k.period_start)
),

hxl_tags as (
    select *
    from hxl_tag_candidates
    where list_has_all(attributes, required)
    qualify row_number() over (
        partition by measure, period_start order by length(required) desc, valid_from desc nulls last, line_number desc) = 1
),

hxl_other_attributes as (
    select measure, period_start, unnest(list_filter(attributes, a -> not list_contains(required, a))) as attribute
    from hxl_tags
),

hxl_attribute_lines as (
    select a.measure, a.period_start, a.attribute, l.dimension, l.code, l.mapping_line
    from hxl_other_attributes as a
    left join lines as l
        on l.line_kind = 'hxl_attribute' and l.match_key = a.attribute and mapping_applies(l.valid_from, l.valid_to, a.period_start)
    qualify row_number() over (
        partition by a.measure, a.period_start, a.attribute order by l.valid_from desc nulls last, l.line_number desc) = 1
),

hxl_breakdowns as (
    select
        measure,
        period_start,
        max(code) filter (where dimension = 'sex') as sex,
        max(code) filter (where dimension = 'age_group') as age_group,
        max(code) filter (where dimension = 'sector') as sector,
        max(code) filter (where dimension = 'population_group') as population_group,
        list(attribute order by attribute) filter (where dimension is null) as unknown_attributes,
        list(mapping_line order by attribute) filter (where mapping_line is not null) as attribute_lines
    from hxl_attribute_lines
    group by measure, period_start
),

hxl_measures as (
    select
        'hxl' as scheme,
        k.measure,
        k.period_start,
        k.hashtag,
        t.metric_code,
        t.mapping_line,
        b.sex,
        b.age_group,
        b.sector,
        b.population_group,
        coalesce(b.unknown_attributes, []) as unknown_attributes,
        coalesce(b.attribute_lines, []) as attribute_lines
    from hxl_keys as k
    left join hxl_tags as t on t.measure = k.measure and t.period_start is not distinct from k.period_start
    left join hxl_breakdowns as b on b.measure = k.measure and b.period_start is not distinct from k.period_start
),

-- DHIS2: the data element by uid or code, each option of the option combo by uid, code or name
metadata as (
    select *
    from staging.stg_dhis2__metadata
    qualify row_number() over (partition by object_type, uid order by run_id desc, source_file desc, source_line desc) = 1
),

dhis2_keys as (
    select distinct measure, breakdown, period_start from figures where measure_scheme = 'dhis2'
),

dhis2_elements as (
    select 'dhis2' as scheme, k.measure, k.period_start, l.metric_code, l.mapping_line
    from (select distinct measure, period_start from dhis2_keys) as k
    left join metadata as e on e.object_type = 'dataElement' and e.uid = k.measure
    inner join lines as l
        on l.line_kind = 'dhis2_element' and (l.match_key = k.measure or l.match_key = e.code)
        and mapping_applies(l.valid_from, l.valid_to, k.period_start)
    qualify row_number() over (
        partition by k.measure, k.period_start
        order by (l.match_key = k.measure) desc, l.valid_from desc nulls last, l.line_number desc) = 1
),

dhis2_combo_options as (
    select k.breakdown, k.period_start, unnest(c.members) as option_uid
    from (select distinct breakdown, period_start from dhis2_keys where breakdown is not null) as k
    inner join metadata as c on c.object_type = 'categoryOptionCombo' and c.uid = k.breakdown
),

dhis2_option_lines as (
    select
        o.breakdown, o.period_start, o.option_uid, opt.code as option_code, opt.name as option_name,
        l.dimension, l.code as common_code, l.mapping_line
    from dhis2_combo_options as o
    left join metadata as opt on opt.object_type = 'categoryOption' and opt.uid = o.option_uid
    left join lines as l
        on l.line_kind = 'dhis2_option' and mapping_applies(l.valid_from, l.valid_to, o.period_start)
        and ((l.match_kind = 'uid' and l.match_key = o.option_uid)
            or (l.match_kind = 'code' and l.match_key = lower(opt.code))
            or (l.match_kind = 'name' and l.match_key = option_key(opt.name)))
    qualify row_number() over (
        partition by o.breakdown, o.period_start, o.option_uid
        order by case l.match_kind when 'uid' then 1 when 'code' then 2 else 3 end, l.valid_from desc nulls last,
            l.line_number desc) = 1
),

dhis2_combos as (
    select
        'dhis2' as scheme,
        breakdown,
        period_start,
        max(common_code) filter (where dimension = 'sex') as sex,
        count(distinct common_code) filter (where dimension = 'sex') as sexes,
        max(common_code) filter (where dimension = 'age') as age_group,
        count(distinct common_code) filter (where dimension = 'age') as ages,
        list(coalesce(option_name, option_uid) || ' (' || option_uid || ')' order by option_uid) filter (where dimension is null)
            as unknown_options,
        list(mapping_line order by option_uid) filter (where mapping_line is not null) as option_lines
    from dhis2_option_lines
    group by breakdown, period_start
),

dhis2_members as (
    select 'dhis2' as scheme, k.org_code, k.period_start, m.member_code, m.mapping_line
    from (select distinct org_code, period_start from figures where measure_scheme = 'dhis2') as k
    inner join intermediate.int_dhis2__unit_members as m
        on m.org_unit_uid = k.org_code and mapping_applies(m.valid_from, m.valid_to, k.period_start)
    qualify row_number() over (
        partition by k.org_code, k.period_start order by m.depth desc, m.valid_from desc nulls last, m.line_number desc) = 1
),

-- organisations of tables by their name, countries by their spelling
organisations as (
    select false as from_dhis2, k.org_name, k.period_start, l.member_code, l.org_unit, l.country_iso2, l.mapping_line
    from (select distinct org_name, period_start from figures where measure_scheme <> 'dhis2' and org_name is not null) as k
    inner join lines as l
        on l.line_kind = 'organisation' and l.match_key = label_key(k.org_name)
        and mapping_applies(l.valid_from, l.valid_to, k.period_start)
    qualify row_number() over (partition by k.org_name, k.period_start order by l.valid_from desc nulls last, l.line_number desc) = 1
),

countries as (
    select false as from_dhis2, c.country, x.country_iso2
    from (select distinct country from figures where measure_scheme <> 'dhis2' and country is not null) as c
    left join intermediate.int_crosswalk__countries as x on x.label = label_key(c.country)
),

mapped as (
    select
        f.*,
        -- place
        case when f.measure_scheme = 'dhis2' then dm.member_code else coalesce(o.member_code, label_slug(f.org_name)) end
            as member,
        case when f.measure_scheme = 'dhis2' then f.org_name else coalesce(o.org_unit, f.org_name) end as org_unit,
        case when f.measure_scheme = 'dhis2' then du.country_iso2 else coalesce(c.country_iso2, o.country_iso2) end
            as country_iso2,
        f.measure_scheme <> 'dhis2' and f.country is not null and c.country_iso2 is null as country_unknown,
        f.measure_scheme <> 'dhis2' and f.org_name is not null and o.mapping_line is null as organisation_unmapped,
        case when f.measure_scheme = 'dhis2' then dm.mapping_line else o.mapping_line end as place_mapping_line,
        -- what is counted
        case f.measure_scheme
            when 'column' then cm.metric_code
            when 'hxl' then case when length(hm.unknown_attributes) = 0 then hm.metric_code end
            else de.metric_code
        end as metric_code,
        case f.measure_scheme
            when 'column' then cm.sex
            when 'hxl' then hm.sex
            else case when coalesce(dc.sexes, 0) <= 1 then dc.sex end
        end as sex,
        case f.measure_scheme
            when 'column' then cm.age_group
            when 'hxl' then hm.age_group
            else case when coalesce(dc.ages, 0) <= 1 then dc.age_group end
        end as age_group,
        case f.measure_scheme when 'hxl' then coalesce(hm.sector, f.sector) when 'column' then f.sector end as mapped_sector,
        case f.measure_scheme when 'hxl' then hm.population_group end as population_group,
        case
            when f.measure_scheme = 'column' and cm.mapping_line is null then 'unmapped'
            when f.measure_scheme = 'column' and cm.metric_code is null then 'ignored'
            when f.measure_scheme = 'hxl' and hm.mapping_line is null then 'unmapped'
            when f.measure_scheme = 'hxl' and hm.metric_code is null then 'ignored'
            when f.measure_scheme = 'hxl' and length(hm.unknown_attributes) > 0 then 'unmapped'
            when f.measure_scheme = 'dhis2' and de.mapping_line is null then 'unmapped'
            when f.measure_scheme = 'dhis2' and de.metric_code is null then 'ignored'
            else 'mapped'
        end as mapping_status,
        -- a DHIS2 cell whose options are not all mapped counts in its element's totals only
        f.breakdown is null
            or (coalesce(length(dc.unknown_options), 0) = 0 and coalesce(dc.sexes, 0) <= 1 and coalesce(dc.ages, 0) <= 1)
            as breakdown_complete,
        case f.measure_scheme when 'column' then cm.mapping_line when 'hxl' then hm.mapping_line else de.mapping_line end
            as measure_mapping_line,
        case f.measure_scheme when 'hxl' then hm.attribute_lines when 'dhis2' then coalesce(dc.option_lines, []) else [] end
            as breakdown_mapping_lines,
        -- what is not mapped yet, in the source's words
        case
            when f.measure_scheme = 'column' and cm.mapping_line is null then 'column'
            when f.measure_scheme = 'hxl' and hm.mapping_line is null then 'hxl_tag'
            when f.measure_scheme = 'hxl' and hm.metric_code is not null and length(hm.unknown_attributes) > 0 then 'hxl_attribute'
            when f.measure_scheme = 'dhis2' and de.mapping_line is null then 'dhis2_element'
        end as unmapped_kind,
        case
            when f.measure_scheme = 'hxl' and hm.mapping_line is null then hm.hashtag
            when f.measure_scheme = 'hxl' then hm.unknown_attributes[1]
            else f.measure
        end as unmapped_code,
        coalesce(dc.unknown_options, []) as unmapped_options
    from figures as f
    -- each lookup is joined on the figure's scheme as an equality, with its keys: a condition on the
    -- figure alone in a left join's "on" made DuckDB join every figure with every lookup row
    left join column_measures as cm
        on cm.scheme = f.measure_scheme and cm.measure = f.measure and cm.table_kind = f.table_kind
        and cm.period_start is not distinct from f.period_start
    left join hxl_measures as hm
        on hm.scheme = f.measure_scheme and hm.measure = f.measure and hm.period_start is not distinct from f.period_start
    left join dhis2_elements as de
        on de.scheme = f.measure_scheme and de.measure = f.measure and de.period_start is not distinct from f.period_start
    left join dhis2_combos as dc
        on dc.scheme = f.measure_scheme and dc.breakdown = f.breakdown and dc.period_start is not distinct from f.period_start
    left join dhis2_members as dm
        on dm.scheme = f.measure_scheme and dm.org_code = f.org_code and dm.period_start is not distinct from f.period_start
    left join (select *, 'dhis2' as scheme from intermediate.int_dhis2__org_units) as du
        on du.scheme = f.measure_scheme and du.org_unit_uid = f.org_code
    left join organisations as o
        on o.from_dhis2 = (f.measure_scheme = 'dhis2') and o.org_name = f.org_name
        and o.period_start is not distinct from f.period_start
    left join countries as c on c.from_dhis2 = (f.measure_scheme = 'dhis2') and c.country = f.country
)

select * from mapped


-- test by delivery: one row per delivery and code
select delivery_sha256, measure_scheme, measure, table_kind, period_start, breakdown, org_code, org_name, country, sector, count(*)
from intermediate.int_figure_mappings
group by all
having count(*) > 1

-- test by delivery: every code joins its figures back (intermediate.int_figures__mapped compares these with '=')
select * from intermediate.int_figure_mappings
where delivery_sha256 is null or measure_scheme is null or measure is null or table_kind is null

-- test by delivery: a mapped code has its metric; an unmapped one says what is missing
select * from intermediate.int_figure_mappings
where (mapping_status = 'mapped' and metric_code is null) or (mapping_status = 'unmapped' and unmapped_kind is null)
