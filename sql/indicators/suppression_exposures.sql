-- grain: one row per additive group that would give a hidden count back by subtraction x audience, with the count to hide next
-- depends on: indicators.disclosure_counts, indicators.suppression_groups, indicators.published_cells, ref.settings
-- materialized: view
-- Complementary suppression, one fixed point for every audience (a view, so that each pass of the
-- update below sees the counts as they are now):
-- - network: in a group of people counts, never exactly one hidden count; the smallest part still
--   published is hidden too (the total when no part is left), from every audience;
-- - members: a member's audience sees the totals over members (member null) fed by at least
--   settings.audience_min_members members (members_contributing) and not hidden from members, and the
--   member knows its own figures, so the totals fed by it alone. In a group of such totals, the counts
--   a member neither sees nor knows are never exactly one: the smallest count it still sees is hidden
--   from the members' audiences (the network's keeps it).
with settings as (
    select cast(value as integer) as audience_min_members from ref.settings where setting = 'audience_min_members'
),

cells as (
    -- a total over members is shown to the members' audiences when none of its counts is hidden from them
    select
        n.count_id as numerator_id,
        d.count_id as denominator_id,
        coalesce(n.hidden_from_members, n.count_id is not null) or coalesce(d.hidden_from_members, d.count_id is not null) as hidden_from_members
    from indicators.published_cells as c
    cross join settings as s
    left join indicators.disclosure_counts as n on n.count_key = c.numerator_key
    left join indicators.disclosure_counts as d on d.count_key = c.denominator_key
    where c.member is null and c.members_contributing >= s.audience_min_members
),

seen_by_members as (
    select distinct count_id
    from (
        select numerator_id as count_id from cells where not hidden_from_members
        union all
        select denominator_id from cells where not hidden_from_members
    )
    where count_id is not null
),

members as (
    select
        g.group_id,
        g.count_id,
        g.role,
        g.people_counts,
        g.over_members,
        k.figure,
        k.hidden,
        k.sole_member,
        v.count_id is not null as seen_by_members
    from indicators.suppression_groups as g
    inner join indicators.disclosure_counts as k on k.count_id = g.count_id
    left join seen_by_members as v on v.count_id = g.count_id
),

network_exposed as (
    select group_id
    from members
    where people_counts
    group by group_id
    having count(*) filter (where hidden) = 1
),

unseen as (
    select group_id, count(*) filter (where not seen_by_members) as unseen
    from members
    where over_members
    group by group_id
),

known_to_one_member as (
    select group_id, sole_member, count(*) as known
    from members
    where over_members and not seen_by_members and sole_member is not null
    group by all
),

members_exposed as (
    -- one count unseen, or one left once a member puts in the figures it knows
    select group_id from unseen where unseen = 1
    union
    select k.group_id from known_to_one_member as k inner join unseen as u on u.group_id = k.group_id where u.unseen - k.known = 1
),

to_hide as (
    -- count_id is null where nothing is left to hide: the test below then names the group
    select 'network' as audience, e.group_id, arg_min(m.count_id, (m.role = 0, m.figure, m.count_id)) filter (where not m.hidden) as count_id
    from network_exposed as e
    inner join members as m on m.group_id = e.group_id
    group by e.group_id
    union all
    select 'members', e.group_id, arg_min(m.count_id, (m.role = 0, m.figure, m.count_id)) filter (where m.seen_by_members)
    from members_exposed as e
    inner join members as m on m.group_id = e.group_id
    group by e.group_id
)

select * from to_hide

-- repeat until stable:
update indicators.disclosure_counts
set hidden = hidden or count_id in (select count_id from indicators.suppression_exposures where audience = 'network' and count_id is not null),
    hidden_from_members = true
where count_id in (select count_id from indicators.suppression_exposures where count_id is not null)

-- test: no additive group gives a hidden count back by subtraction, to the network or to a member
select e.audience, e.group_id, g.relation, k.count_key, k.figure, k.hidden, k.hidden_from_members
from indicators.suppression_exposures as e
inner join indicators.suppression_groups as g on g.group_id = e.group_id and g.role = 0
inner join indicators.disclosure_counts as k on k.count_id = g.count_id

-- test: every count is decided (hidden or not, from every audience and from the members')
select * from indicators.disclosure_counts where hidden is null or hidden_from_members is null

-- test: audience_min_members is at least 3 (from a total of two members, either could subtract its own figure)
select * from ref.settings where setting = 'audience_min_members' and (try_cast(value as integer) is null or cast(value as integer) < 3)
