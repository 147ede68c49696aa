-- grain: one row per count published by marts.indicator_values (a numerator or a denominator at a period, place and disaggregation)
-- depends on: indicators.published_cells, ref.settings
-- The counts disclosure control decides on. hidden (from every audience) starts as the primary
-- suppression: a count of people (indicators whose catalogue line says suppress_small_cells) from 1 to
-- settings.small_cell_threshold - 1 (0 is published: there is no one to recognise in it).
-- hidden_from_members: hidden from the members' audiences, in the totals over members they see (always
-- when hidden). The repeated update of indicators.suppression_exposures then hides more until no hidden
-- count can be recomputed; a cell is published to an audience only when none of its counts is hidden
-- from it (marts.indicator_values: suppressed, suppressed_for_members).
with shown as (
    select
        numerator_key as count_key, numerator_count as count_code, numerator as figure,
        period_type, period, period_start, member, country_iso2, adm1, adm2, org_unit, sex, age_group, pathology,
        dimension_name, dimension_value, suppressible, members_contributing, sole_member
    from indicators.published_cells
    where numerator_key is not null
    union all
    select
        denominator_key, denominator_count, denominator,
        period_type, period, period_start, member, country_iso2, adm1, adm2, org_unit, sex, age_group, pathology,
        dimension_name, dimension_value, suppressible, members_contributing, sole_member
    from indicators.published_cells
    where denominator_key is not null
),

threshold as (
    select cast(value as double) as small_cell_threshold from ref.settings where setting = 'small_cell_threshold'
),

counts as (
    select
        -- ids
        row_number() over (order by count_key) as count_id,
        count_key,
        any_value(count_code) as count_code,
        -- period, place, disaggregation (null = all)
        any_value(period_type) as period_type,
        any_value(period) as period,
        any_value(period_start) as period_start,
        any_value(member) as member,
        any_value(country_iso2) as country_iso2,
        any_value(adm1) as adm1,
        any_value(adm2) as adm2,
        any_value(org_unit) as org_unit,
        any_value(sex) as sex,
        any_value(age_group) as age_group,
        any_value(pathology) as pathology,
        any_value(dimension_name) as dimension_name,
        any_value(dimension_value) as dimension_value,
        -- figure
        max(figure) as figure,
        -- disclosure
        bool_or(suppressible) as suppressible,
        min(sole_member) as sole_member
    from shown
    group by count_key
),

primary_suppression as (
    select
        c.*,
        c.suppressible and c.figure > 0 and c.figure < t.small_cell_threshold as small,
        c.suppressible and c.figure > 0 and c.figure < t.small_cell_threshold as hidden,
        c.suppressible and c.figure > 0 and c.figure < t.small_cell_threshold as hidden_from_members
    from counts as c
    cross join threshold as t
)

select * from primary_suppression

-- test: count_key is unique
select count_key from indicators.disclosure_counts group by 1 having count(*) > 1

-- test: every small count of people is hidden, and what is hidden from every audience is hidden from the members'
select * from indicators.disclosure_counts where (small and not hidden) or (hidden and not hidden_from_members)
