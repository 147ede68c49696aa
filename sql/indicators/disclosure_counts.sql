-- grain: one row per count published by marts.indicator_values (a numerator or a denominator; several cells may publish one count)
-- depends on: indicators.published_cells, ref.settings
-- The counts disclosure control decides on (indicators.published_cells says which cells publish
-- each). hidden (from every audience) starts as the primary suppression: a count of people
-- (indicators whose catalogue line says suppress_small_cells) from 1 to settings.small_cell_threshold - 1
-- (0 is published: there is no one to recognise in it). hidden_from_members: hidden from the members'
-- audiences, in the totals over members they see (always when hidden). The repeated update of
-- indicators.suppression_exposures then hides more until no hidden count can be recomputed; a cell is
-- published to an audience only when none of its counts is hidden from it (marts.indicator_values:
-- suppressed, suppressed_for_members).
with shown as (
    select numerator_key as count_key, numerator as figure, suppressible, sole_member
    from indicators.published_cells
    where numerator_key is not null
    union all
    select denominator_key, denominator, suppressible, sole_member
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
        -- figure
        max(figure) as figure,
        -- disclosure: people or not; the member that knows it when its figures are all that member's
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
