-- grain: one row per source row held at build time by a source test, with the test and the reason
-- depends on: intermediate.int_figures__mapped, intermediate.int_validation_results, intermediate.int_entity_source_tests
-- Source tests catch what a member's file says that the network cannot count (a country no code
-- list knows, a figure breaking an error-level validation rule): the rows they catch are held
-- here, out of every indicator, and counted as rejected in the load report; the rest of the
-- warehouse builds and is published. Model tests (reconciliations, roll-ups) still stop the build.
-- The entity families' source tests (unknown sections, statuses, types, categories...) are
-- intermediate.int_entity_source_tests.
with unknown_countries as (
    select
        delivery_sha256,
        any_value(run_id) as run_id,
        source_family,
        source_file,
        source_line,
        'country is known' as source_test,
        'unknown country ''' || any_value(country) || '''; use an ISO 3166 code or add the spelling to'
            || ' schemas/codes/country_aliases.csv' as reason,
        any_value(country) as detail
    from intermediate.int_figures__mapped
    where country_unknown
    group by delivery_sha256, source_family, source_file, source_line
),

rule_errors as (
    select
        delivery_sha256,
        any_value(run_id) as run_id,
        source_family,
        source_file,
        source_line,
        'validation rules' as source_test,
        'validation: ' || string_agg(description_en || ' (' || detail || ')', '; ' order by rule_id) as reason,
        string_agg(detail, '; ' order by rule_id) as detail
    from intermediate.int_validation_results
    where severity = 'error'
    group by delivery_sha256, source_family, source_file, source_line
),

held as (
    select * from unknown_countries
    union all by name
    select * from rule_errors
    union all by name
    select * from intermediate.int_entity_source_tests
)

select * from held

-- test: a held row says why
select * from intermediate.int_quarantine where reason is null or source_test is null
