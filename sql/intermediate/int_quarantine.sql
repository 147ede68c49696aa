-- grain: one row per source row (or figure: source_column set) held at build time by a source test, with the test and the reason
-- depends on: intermediate.int_figures__mapped, intermediate.int_validation_results, ref.metrics, intermediate.int_dhis2__org_units, staging.stg_dhis2__metadata, intermediate.int_entity_source_tests
-- incremental: delivery_sha256 from intermediate.int_figures__mapped, intermediate.int_validation_results, intermediate.int_entity_source_tests
-- Source tests catch what a member's file says that the network cannot count (a country no code
-- list knows, a figure breaking an error-level validation rule): the rows they catch are held
-- here, out of every indicator, and counted as rejected in the load report; the rest of the
-- warehouse builds and is published. Model tests (reconciliations, roll-ups) still stop the build.
-- The entity families' source tests (unknown sections, statuses, types, categories...) are
-- intermediate.int_entity_source_tests. A row is a delivery's line, in its sheet for a workbook
-- (source_sheet; null for a text file).
with unknown_countries as (
    select
        delivery_sha256,
        any_value(run_id) as run_id,
        source_family,
        source_file,
        source_sheet,
        source_line,
        cast(null as integer) as source_column,
        'country is known' as source_test,
        'unknown country ''' || any_value(country) || '''; use an ISO 3166 code or add the spelling to'
            || ' schemas/codes/country_aliases.csv' as reason,
        any_value(country) as detail
    from intermediate.int_figures__mapped
    where country_unknown
    group by delivery_sha256, source_family, source_file, source_sheet, source_line
),

rule_errors as (
    select
        delivery_sha256,
        any_value(run_id) as run_id,
        source_family,
        source_file,
        source_sheet,
        source_line,
        cast(null as integer) as source_column,
        'validation rules' as source_test,
        'validation: ' || string_agg(description_en || ' (' || detail || ')', '; ' order by rule_id) as reason,
        string_agg(detail, '; ' order by rule_id) as detail
    from intermediate.int_validation_results
    where severity = 'error'
    group by delivery_sha256, source_family, source_file, source_sheet, source_line
),

dhis2_unknown_to_metadata as (
    -- a DHIS2 value whose org unit or option combo the delivered metadata do not name cannot be
    -- placed or broken down (DHIS2's own import refuses it): held until a metadata file names it
    select
        f.delivery_sha256,
        any_value(f.run_id) as run_id,
        f.source_family,
        f.source_file,
        f.source_line,
        cast(null as integer) as source_column,
        'DHIS2 codes are in the metadata' as source_test,
        concat_ws('; ',
            case when bool_or(u.org_unit_uid is null) then
                'unknown org unit ''' || any_value(f.org_code) || ''' (not in the DHIS2 metadata)' end,
            case when bool_or(f.breakdown is not null and c.uid is null) then
                'unknown category option combo ''' || any_value(f.breakdown) || ''' (not in the DHIS2 metadata)' end)
            || '; deliver the metadata that names it (a dhis2/ metadata JSON) and run again' as reason,
        concat_ws(' ', any_value(f.org_code), any_value(f.breakdown)) as detail
    from intermediate.int_figures__mapped as f
    left join intermediate.int_dhis2__org_units as u on u.org_unit_uid = f.org_code
    left join (select distinct uid from staging.stg_dhis2__metadata where object_type = 'categoryOptionCombo') as c
        on c.uid = f.breakdown
    where f.measure_scheme = 'dhis2' and (u.org_unit_uid is null or (f.breakdown is not null and c.uid is null))
    group by f.delivery_sha256, f.source_family, f.source_file, f.source_line
),

fractions_of_people as (
    -- a people count is a whole number ("1,5" people is a typing or a dialect error): the figure is held
    select
        f.delivery_sha256,
        f.run_id,
        f.source_family,
        f.source_file,
        f.source_sheet,
        f.source_line,
        f.source_column,
        'people are counted in whole numbers' as source_test,
        'column ' || f.source_column || coalesce(' (' || f.measure_label || ')', '') || ': ' || f.value
            || ' people is not a whole number; check the figure and the file''s decimal separator' as reason,
        cast(f.value as varchar) as detail
    from intermediate.int_figures__mapped as f
    inner join ref.metrics as m on m.metric_code = f.metric_code
    where f.mapping_status = 'mapped' and m.unit = 'people' and f.value <> floor(f.value)
),

held as (
    select * from unknown_countries
    union all by name
    select * from rule_errors
    union all by name
    select * from fractions_of_people
    union all by name
    select * from dhis2_unknown_to_metadata
    union all by name
    select * from intermediate.int_entity_source_tests
)

select * from held

-- test by delivery: a held row says why
select * from intermediate.int_quarantine where reason is null or source_test is null
