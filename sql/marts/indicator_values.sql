-- grain: one row per indicator x period x place x disaggregation; null place or disaggregation = all
-- (dimension_name/dimension_value: one more disaggregation that has no column of its own: status, category, partner, partnership_type, theme...)
-- depends on: indicators.published_cells, indicators.disclosure_counts, indicators.suppression_exposures, ref.indicator_catalogue, core.fct_targets, indicators.indicator_value, ref.settings
-- target: the yearly target of the indicator for the row's place (network, member, country or member in
-- country, with no finer place or disaggregation); achievement_rate = 100 x value / target; target_gap =
-- target - value.
-- suppressed: a count of the cell is hidden (indicators.disclosure_counts: small counts of people, and
-- the counts hidden so that none of them can be recomputed). members_contributing: the members whose
-- figures feed the row (a member's own rows: 1). A member's audience sees its own rows as published,
-- no row of another member, and a total over members (member null) only when members_contributing >=
-- settings.audience_min_members and suppressed_for_members is false (suppressed_for_members adds the
-- totals hidden from the members so that a member cannot recompute one fed by fewer members).
-- value_status: why the value is null (suppressed, not_reported, no_denominator), reported otherwise.
with cells as (
    select * from indicators.published_cells
),

settings as (
    select cast(value as integer) as audience_min_members from ref.settings where setting = 'audience_min_members'
),

indicator_values as (
    select
        c.*,
        coalesce(n.hidden, n.count_id is not null) or coalesce(d.hidden, d.count_id is not null) as suppressed,
        case
            when c.member is not null then coalesce(n.hidden, n.count_id is not null) or coalesce(d.hidden, d.count_id is not null)
            else c.members_contributing < s.audience_min_members or coalesce(n.hidden_from_members, n.count_id is not null) or coalesce(d.hidden_from_members, d.count_id is not null)
        end as suppressed_for_members
    from cells as c
    cross join settings as s
    left join indicators.disclosure_counts as n on n.count_key = c.numerator_key
    left join indicators.disclosure_counts as d on d.count_key = c.denominator_key
),

catalogue as (
    select indicator_code, name_en, name_fr, suppress_small_cells from ref.indicator_catalogue
),

published as (
    select
        -- indicator
        v.indicator_code,
        c.name_en,
        c.name_fr,
        -- period
        v.period_type,
        v.period,
        v.period_start,
        v.period_end,
        -- place
        v.member,
        v.country_iso2,
        v.adm1,
        v.adm2,
        v.org_unit,
        -- disaggregation
        v.sex,
        v.age_group,
        v.pathology,
        v.dimension_name,
        v.dimension_value,
        -- figures, small people counts hidden (primary and secondary suppression)
        case when v.suppressed then null else v.numerator end as numerator,
        case when v.suppressed then null else v.denominator end as denominator,
        case when v.suppressed then null else v.value end as value,
        v.unit,
        t.target,
        case when not v.suppressed and t.target <> 0 then round(100.0 * v.value / t.target, 1) end as achievement_rate,
        case when not v.suppressed then t.target - v.value end as target_gap,
        v.suppressed,
        v.members_contributing,
        v.suppressed_for_members,
        case when v.suppressed then 'suppressed' else v.value_status end as value_status
    from indicator_values as v
    inner join catalogue as c on c.indicator_code = v.indicator_code
    left join core.fct_targets as t
        on t.indicator_code = v.indicator_code
        and v.period_type = 'year' and t.year = try_cast(v.period as integer)
        and t.member is not distinct from v.member
        and t.country_iso2 is not distinct from v.country_iso2
        and v.adm1 is null and v.adm2 is null and v.org_unit is null
        and v.sex is null and v.age_group is null and v.pathology is null and v.dimension_name is null
)

select * from published

-- test: every target meets its indicator row when the indicator has a value for that year and place
select t.* from core.fct_targets as t
where exists (select 1 from indicators.indicator_value as v where v.indicator_code = t.indicator_code and v.period_type = 'year'
        and v.period = cast(t.year as varchar) and v.member is not distinct from t.member
        and v.country_iso2 is not distinct from t.country_iso2 and v.adm1 is null and v.org_unit is null and v.sex is null
        and v.age_group is null and v.pathology is null and v.dimension_name is null)
    and not exists (select 1 from marts.indicator_values as m where m.indicator_code = t.indicator_code and m.period = cast(t.year as varchar)
        and m.target = t.target and m.member is not distinct from t.member and m.country_iso2 is not distinct from t.country_iso2)

-- test: a suppressed cell publishes no figure
select * from marts.indicator_values
where suppressed and (value is not null or numerator is not null or denominator is not null or achievement_rate is not null or target_gap is not null)

-- test: no published count of people is below the small-cell threshold (0 excepted: no one to recognise)
select v.* from marts.indicator_values as v
inner join ref.indicator_catalogue as c on c.indicator_code = v.indicator_code
cross join (select cast(value as double) as threshold from ref.settings where setting = 'small_cell_threshold') as t
where c.suppress_small_cells and not v.suppressed
    and ((v.numerator > 0 and v.numerator < t.threshold) or (v.denominator > 0 and v.denominator < t.threshold))

-- test: a null value says why
select * from marts.indicator_values where (value is null) <> (value_status <> 'reported')
